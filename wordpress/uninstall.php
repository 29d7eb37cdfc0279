<?php
/**
 * Deletes what the plugin stored, when it is deleted from the Plugins screen.
 *
 * The names come from the one list in includes/stored-data.php.
 *
 * @package BookingReports
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

require_once __DIR__ . '/includes/stored-data.php';

/**
 * Deletes the plugin's options and transients on the current site.
 *
 * @param array<string, string[]> $stored What booking_reports_stored_data() lists.
 */
function booking_reports_uninstall_site( array $stored ) {
	foreach ( $stored['options'] as $option ) {
		delete_option( $option );
	}
	foreach ( $stored['transients'] as $transient ) {
		delete_transient( $transient );
	}
}

/**
 * Takes the plugin's Dashboard widgets out of every user's Dashboard layout, which core keeps in user meta.
 *
 * @param string[] $widget_ids The widget ids.
 */
function booking_reports_uninstall_dashboard_layout( array $widget_ids ) {
	foreach ( booking_reports_dashboard_layout_meta_keys() as $meta_key ) {
		$user_ids = get_users(
			array(
				'blog_id'  => 0,
				'fields'   => 'ID',
				'meta_key' => $meta_key, // phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_key -- Once, on uninstall.
			)
		);
		foreach ( $user_ids as $user_id ) {
			$layout = get_user_meta( (int) $user_id, $meta_key, true );
			if ( ! is_array( $layout ) ) {
				continue;
			}
			$cleaned = array();
			foreach ( $layout as $key => $value ) {
				if ( is_int( $key ) ) {
					// metaboxhidden_dashboard, closedpostboxes_dashboard: a list of ids.
					if ( ! in_array( $value, $widget_ids, true ) ) {
						$cleaned[] = $value;
					}
				} else {
					// meta-box-order_dashboard: column => "id,id,id".
					$cleaned[ $key ] = implode( ',', array_diff( explode( ',', (string) $value ), $widget_ids ) );
				}
			}
			if ( $cleaned !== $layout ) {
				update_user_meta( (int) $user_id, $meta_key, $cleaned );
			}
		}
	}
}

$booking_reports_stored = booking_reports_stored_data();

if ( is_multisite() ) {
	foreach ( get_sites( array( 'fields' => 'ids' ) ) as $booking_reports_site_id ) {
		switch_to_blog( $booking_reports_site_id );
		booking_reports_uninstall_site( $booking_reports_stored );
		restore_current_blog();
	}
} else {
	booking_reports_uninstall_site( $booking_reports_stored );
}

foreach ( $booking_reports_stored['site_options'] as $booking_reports_option ) {
	delete_site_option( $booking_reports_option );
}
foreach ( $booking_reports_stored['site_transients'] as $booking_reports_transient ) {
	delete_site_transient( $booking_reports_transient );
}
foreach ( $booking_reports_stored['user_meta'] as $booking_reports_meta_key ) {
	delete_metadata( 'user', 0, $booking_reports_meta_key, '', true );
}
booking_reports_uninstall_dashboard_layout( $booking_reports_stored['dashboard_widgets'] );
