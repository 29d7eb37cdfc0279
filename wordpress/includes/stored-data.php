<?php
/**
 * The one list of what the plugin stores in the database, read by uninstall.php.
 *
 * @package BookingReports
 */

defined( 'ABSPATH' ) || exit;

/**
 * Names of everything the plugin writes, by kind, so that uninstall.php deletes exactly these.
 *
 * The plugin itself writes nothing: the dashboard reads the booking plugin's REST API and keeps its own state
 * (the chosen range) in the browser. Add a name here in the same change that starts writing it.
 *
 * WordPress itself writes one thing because of the plugin: the Dashboard widget's id in the user meta of the
 * Dashboard's screen layout (which boxes are hidden, collapsed or moved), listed under `dashboard_widgets`.
 *
 * @return array{options: string[], site_options: string[], transients: string[], site_transients: string[], user_meta: string[], dashboard_widgets: string[]}
 */
function booking_reports_stored_data() {
	return array(
		'options'           => array(),
		'site_options'      => array(),
		'transients'        => array(),
		'site_transients'   => array(),
		'user_meta'         => array(),
		'dashboard_widgets' => array( 'booking_reports_dashboard_widget' ),
	);
}

/**
 * The user meta keys in which core keeps a user's Dashboard layout, and so the ids of its widgets.
 *
 * `metaboxhidden_dashboard` and `closedpostboxes_dashboard` are lists of widget ids (wp_ajax_closed_postboxes() in
 * wp-admin/includes/ajax-actions.php); `meta-box-order_dashboard` maps each column to a comma-separated list of ids
 * (wp_ajax_meta_box_order()).
 *
 * @return string[]
 */
function booking_reports_dashboard_layout_meta_keys() {
	return array( 'metaboxhidden_dashboard', 'closedpostboxes_dashboard', 'meta-box-order_dashboard' );
}
