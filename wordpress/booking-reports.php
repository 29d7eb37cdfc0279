<?php
/**
 * Plugin Name:       Booking Reports
 * Description:       A reports dashboard for the bookings of the Fluent Booking plugin: overview numbers, a graph over time, upcoming meetings and recent activity, on its own screen and in a Dashboard widget.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      8.0
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       booking-reports
 * Domain Path:       /languages
 *
 * @package BookingReports
 */

defined( 'ABSPATH' ) || exit;

/*
 * The plugin's version, kept in step with the header above, readme.txt's "Stable tag" and package.json
 * (`npm run plugin` refuses to build when they differ).
 */
define( 'BOOKING_REPORTS_VERSION', '0.1.0' );
define( 'BOOKING_REPORTS_FILE', __FILE__ );

require_once __DIR__ . '/includes/stored-data.php';
require_once __DIR__ . '/includes/class-booking-reports-color-scheme.php';
require_once __DIR__ . '/includes/class-booking-reports-admin.php';

/*
 * No activation or deactivation hook: the plugin creates no table, option, role or cron event, so there is nothing
 * to set up on activation and nothing to undo on deactivation. uninstall.php deletes what stored-data.php lists.
 */
/*
 * The PHP's own strings (menu, widget title, notices) from languages/booking-reports-<locale>.mo; WordPress 6.1 looks
 * in wp-content/languages/plugins/ by itself, but not in the plugin's folder. The dashboard's strings come through
 * load_script_textdomain() (class-booking-reports-admin.php).
 */
add_action(
	'init',
	static function () {
		load_plugin_textdomain( 'booking-reports', false, dirname( plugin_basename( BOOKING_REPORTS_FILE ) ) . '/languages' );
	}
);

if ( is_admin() ) {
	( new Booking_Reports_Admin() )->register_hooks();
}
