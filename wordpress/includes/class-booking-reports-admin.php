<?php
/**
 * Wires wp-admin to the built dashboard: the Reports screen, the Dashboard widget, the script and its config.
 *
 * @package BookingReports
 */

defined( 'ABSPATH' ) || exit;

/**
 * Registers the Reports screen and the Dashboard widget, and hands the dashboard script its config.
 *
 * No business logic: the numbers come from the booking plugin's REST API (`fluent-booking/v2`), which the script
 * reads with the user's cookie and nonce.
 */
class Booking_Reports_Admin {

	/**
	 * Page slug of the Reports screen: wp-admin/admin.php?page=booking-reports.
	 */
	const PAGE_SLUG = 'booking-reports';

	/**
	 * Parent menu slug the booking plugin registers.
	 */
	const BOOKING_MENU_SLUG = 'fluent-booking';

	/**
	 * Script handle of the dashboard.
	 */
	const SCRIPT_HANDLE = 'booking-reports';

	/**
	 * Text domain of the PHP strings and of the script's translations.
	 */
	const TEXT_DOMAIN = 'booking-reports';

	/**
	 * Id of the Dashboard widget.
	 */
	const WIDGET_ID = 'booking_reports_dashboard_widget';

	/**
	 * REST namespace the dashboard reads.
	 */
	const REST_NAMESPACE = 'fluent-booking/v2';

	/**
	 * Sends the config's `earlyRequests` (early_requests()) from the page, before the dashboard's script has loaded
	 * and run, with the page's nonce as the dashboard sends it, and hands the dashboard each answer's promise as its
	 * `early` option, by the request's key. A request that fails on the way is no answer: the dashboard sends its own.
	 * The range's `/reports` answer is also shown at once as the first view (first_view()'s markup, built as text
	 * nodes, titles read as text), when the dashboard has not mounted yet.
	 */
	const EARLY_REQUESTS_SCRIPT = '(function (config) {
	var early = {};
	function firstView(answer) {
		var overview;
		try {
			overview = answer && answer.status === 200 ? JSON.parse(answer.body).overview : null;
		} catch (error) {
			return;
		}
		if (!Array.isArray(overview)) return;
		var format;
		try {
			format = new Intl.NumberFormat(String(config.locale || "en").replace(/_/g, "-"));
		} catch (error) {
			format = new Intl.NumberFormat("en");
		}
		var list = document.createElement("ul");
		list.className = "booking-reports-first-view";
		overview.forEach(function (widget) {
			var number = widget ? Number(widget.number) : NaN;
			if (!isFinite(number)) return;
			var item = document.createElement("li");
			var title = document.createElement("span");
			var value = document.createElement("span");
			title.textContent = new DOMParser().parseFromString(String(widget.title || ""), "text/html").body.textContent;
			value.className = "br-tile__value";
			value.textContent = format.format(number);
			item.append(title, " ", value);
			list.append(item);
		});
		document.querySelectorAll("[data-booking-reports]").forEach(function (host) {
			if (!host.shadowRoot && !host.firstElementChild && list.firstChild) host.append(list.cloneNode(true));
		});
	}
	function send(request) {
		var url = config.restUrl + request.path;
		if (request.query) url += (url.indexOf("?") < 0 ? "?" : "&") + request.query;
		return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json", "X-WP-Nonce": config.nonce } })
			.then(function (response) {
				var headers = {};
				response.headers.forEach(function (value, name) { headers[name] = value; });
				return response.text().then(function (body) { return { status: response.status, headers: headers, body: body }; });
			})
			.catch(function () { return undefined; });
	}
	var requests = config.earlyRequests || [];
	// The numbers first, alone: the others would share the server with it. They leave once it has answered.
	var numbers = Promise.resolve();
	requests.forEach(function (request) {
		if (!request.firstView) return;
		early[request.key] = send(request);
		numbers = early[request.key].then(firstView);
	});
	requests.forEach(function (request) {
		if (!request.firstView) early[request.key] = numbers.then(function () { return send(request); });
	});
	delete config.earlyRequests;
	config.early = early;
})(window.bookingReportsConfig);';

	/**
	 * The panels the Dashboard widget shows.
	 */
	const WIDGET_PANELS = array( 'overview', 'graph' );

	/**
	 * Hook suffix of the Reports screen when it shows the dashboard, set on admin_menu.
	 *
	 * @var string|null
	 */
	private $reports_hook_suffix = null;

	/**
	 * Whether the Dashboard widget was added for this request.
	 *
	 * @var bool
	 */
	private $widget_added = false;

	/**
	 * The overview widgets of the preloaded `/reports` answer, when the page preloads it: printed as the first view,
	 * before the script runs.
	 *
	 * @var array<int, mixed>|null
	 */
	private $first_overview = null;

	/**
	 * The inline script with the dashboard's config (and its early requests), printed after its element.
	 *
	 * @var string|null
	 */
	private $inline_config = null;

	/**
	 * Hooks into wp-admin.
	 */
	public function register_hooks() {
		// Late, so that the booking plugin's own top-level menu exists when the submenu is added under it.
		add_action( 'admin_menu', array( $this, 'add_menu' ), 99 );
		add_action( 'wp_dashboard_setup', array( $this, 'add_dashboard_widget' ) );
		add_action( 'admin_enqueue_scripts', array( $this, 'enqueue_assets' ) );
		add_action( 'admin_footer', array( $this, 'print_config' ) );
	}

	/**
	 * Whether the booking plugin is active. Asked late (from admin_menu on), since plugins load in alphabetical
	 * order and the booking plugin defines its constant after this file has loaded.
	 *
	 * @return bool
	 */
	public static function booking_plugin_active() {
		return defined( 'FLUENT_BOOKING_VERSION' );
	}

	/**
	 * Whether the current user may see the reports: administrators, and users the booking plugin gives any of its
	 * permissions to (its own team members, e.g. hosts who manage their own calendars).
	 *
	 * @return bool
	 */
	public static function current_user_can_view() {
		if ( current_user_can( 'manage_options' ) ) {
			return true;
		}
		return self::booking_plugin_active()
			&& class_exists( '\FluentBooking\App\Services\PermissionManager' )
			&& (bool) \FluentBooking\App\Services\PermissionManager::currentUserHasAnyPermission();
	}

	/**
	 * Adds the Reports screen: a submenu of the booking plugin's menu, or, without the booking plugin, a top-level
	 * menu for administrators that explains what is missing and links to the demo.
	 */
	public function add_menu() {
		if ( ! self::booking_plugin_active() ) {
			add_menu_page(
				__( 'Booking Reports', 'booking-reports' ),
				__( 'Booking Reports', 'booking-reports' ),
				'manage_options',
				self::PAGE_SLUG,
				array( $this, 'render_setup_page' ),
				'dashicons-chart-area'
			);
			return;
		}

		if ( ! self::current_user_can_view() ) {
			return;
		}
		/*
		 * The permission was checked above, through the booking plugin's own rules, which no WordPress capability
		 * expresses; 'read' lets core's own page access check pass for the users it admitted.
		 */
		$hook_suffix = add_submenu_page(
			self::BOOKING_MENU_SLUG,
			__( 'Reports', 'booking-reports' ),
			__( 'Reports', 'booking-reports' ),
			'read',
			self::PAGE_SLUG,
			array( $this, 'render_reports_page' )
		);
		$this->reports_hook_suffix = is_string( $hook_suffix ) ? $hook_suffix : null;
	}

	/**
	 * Prints the Reports screen: the element the script mounts the dashboard on.
	 */
	public function render_reports_page() {
		if ( ! self::current_user_can_view() ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to view the booking reports.', 'booking-reports' ), 403 );
		}
		echo '<div class="wrap">';
		echo '<h1>' . esc_html__( 'Reports', 'booking-reports' ) . '</h1>';
		$this->print_missing_build_notice();
		echo '<div data-booking-reports>' . $this->first_view() . '</div>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- first_view() escapes every part.
		$this->print_config();
		echo '<noscript><div class="notice notice-warning inline"><p>' . esc_html__( 'The booking reports need JavaScript. Turn it on in your browser to see them.', 'booking-reports' ) . '</p></div></noscript>';
		echo '</div>';
	}

	/**
	 * Prints the screen shown without the booking plugin: what is needed for real data, and the demo.
	 */
	public function render_setup_page() {
		if ( ! current_user_can( 'manage_options' ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to view the booking reports.', 'booking-reports' ), 403 );
		}
		$demo_url = add_query_arg(
			array(
				'locale'   => rawurlencode( get_user_locale() ),
				'timezone' => rawurlencode( wp_timezone_string() ),
			),
			plugins_url( 'demo/index.html', BOOKING_REPORTS_FILE )
		);

		echo '<div class="wrap">';
		echo '<h1>' . esc_html__( 'Booking Reports', 'booking-reports' ) . '</h1>';
		echo '<div class="notice notice-warning inline"><p>';
		echo esc_html__( 'Booking Reports shows the bookings of the Fluent Booking plugin, which is not active on this site. Install and activate Fluent Booking to see your own bookings here and on the Dashboard.', 'booking-reports' );
		echo '</p></div>';
		if ( current_user_can( 'install_plugins' ) ) {
			$install_url = add_query_arg(
				array(
					's'    => 'fluent-booking',
					'tab'  => 'search',
					'type' => 'term',
				),
				self_admin_url( 'plugin-install.php' )
			);
			echo '<p><a class="button button-primary" href="' . esc_url( $install_url ) . '">' . esc_html__( 'Find Fluent Booking', 'booking-reports' ) . '</a></p>';
		}
		echo '<h2>' . esc_html__( 'Try it on generated data', 'booking-reports' ) . '</h2>';
		echo '<p>' . esc_html__( 'The demo runs the same dashboard on bookings generated in your browser. Nothing is read from or sent to this site.', 'booking-reports' ) . '</p>';
		echo '<p><a class="button" href="' . esc_url( $demo_url ) . '" target="_blank" rel="noopener">' . esc_html__( 'Open the demo', 'booking-reports' ) . '<span class="screen-reader-text"> ' . esc_html__( '(opens in a new tab)', 'booking-reports' ) . '</span></a></p>';
		echo '</div>';
	}

	/**
	 * Adds the Dashboard widget (overview and graph) for the users who may see the reports.
	 */
	public function add_dashboard_widget() {
		if ( ! self::booking_plugin_active() || ! self::current_user_can_view() ) {
			return;
		}
		wp_add_dashboard_widget(
			self::WIDGET_ID,
			__( 'Booking Reports', 'booking-reports' ),
			array( $this, 'render_dashboard_widget' )
		);
		$this->widget_added = true;
	}

	/**
	 * Prints the Dashboard widget: a compact dashboard and a link to the Reports screen.
	 */
	public function render_dashboard_widget() {
		if ( ! self::current_user_can_view() ) {
			return;
		}
		$this->print_missing_build_notice();
		// No "Print report" in the widget: printing would print the whole Dashboard around it.
		echo '<div data-booking-reports="' . esc_attr(
			wp_json_encode(
				array(
					'panels' => self::WIDGET_PANELS,
					'print'  => false,
				)
			)
		) . '">' . $this->first_view() . '</div>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- first_view() escapes every part.
		$this->print_config();
		echo '<noscript><p>' . esc_html__( 'The booking reports need JavaScript. Turn it on in your browser to see them.', 'booking-reports' ) . '</p></noscript>';
		echo '<p><a href="' . esc_url( admin_url( 'admin.php?page=' . self::PAGE_SLUG ) ) . '">' . esc_html__( 'View all reports', 'booking-reports' ) . '</a></p>';
	}

	/**
	 * Enqueues the dashboard on the two screens that mount it: the Reports screen and the Dashboard.
	 *
	 * @param string $hook_suffix The current admin screen's hook suffix.
	 */
	public function enqueue_assets( $hook_suffix ) {
		if ( null !== $this->reports_hook_suffix && $this->reports_hook_suffix === $hook_suffix ) {
			$screen = 'reports';
		} elseif ( 'index.php' === $hook_suffix && $this->widget_added ) {
			$screen = 'dashboard';
		} else {
			return;
		}
		if ( ! self::current_user_can_view() ) {
			return;
		}

		$asset = $this->script_asset();
		wp_register_script(
			self::SCRIPT_HANDLE,
			plugins_url( 'assets/booking-reports.js', BOOKING_REPORTS_FILE ),
			$asset['dependencies'],
			BOOKING_REPORTS_VERSION . '-' . $asset['version'],
			true
		);
		/*
		 * Not wp_set_script_translations(): it would add wp-i18n (and wp-hooks) as dependencies, two more scripts on
		 * every load, and print wp.i18n.setLocaleData(), which the dashboard never reads: it has its own translate
		 * functions per instance and takes the same Jed JSON as its `translations` option, from the same lookup
		 * (load_script_textdomain(), with its filters and the languages/plugins folder of language packs).
		 */
		/*
		 * The config goes into the page right after the element the dashboard mounts on (print_config()), not before
		 * the script in the footer: wp-admin's own footer scripts come first there, and the early requests, when
		 * nothing is preloaded, leave as soon as the config is read.
		 */
		$config              = $this->config( $screen );
		$this->inline_config = 'window.bookingReportsConfig = ' . wp_json_encode( $config ) . ';'
			. ( isset( $config['earlyRequests'] ) ? self::EARLY_REQUESTS_SCRIPT : '' );
		wp_enqueue_script( self::SCRIPT_HANDLE );
		// The first view (first_view()), laid out as a row of tiles until the dashboard takes its place.
		wp_add_inline_style(
			'common',
			'.booking-reports-first-view { display: flex; flex-wrap: wrap; gap: 16px; margin: 16px 0; padding: 0; list-style: none; } .booking-reports-first-view li { flex: 1 1 160px; margin: 0; padding: 12px 16px; border: 1px solid #dcdcde; border-radius: 4px; background: #fff; } .booking-reports-first-view .br-tile__value { display: block; font-size: 1.6em; font-weight: 600; line-height: 1.4; }'
		);

		if ( 'reports' === $screen ) {
			// A printed Reports screen is the report alone: none of wp-admin's menus, bars, notices or footer.
			wp_add_inline_style(
				'common',
				'@media print { #adminmenumain, #wpadminbar, #wpfooter, #screen-meta, #screen-meta-links, .notice, .update-nag, .wrap > h1 { display: none !important; } html.wp-toolbar { padding-top: 0 !important; } #wpcontent, #wpbody-content { margin: 0 !important; padding: 0 !important; } }'
			);
		}
	}

	/**
	 * What the dashboard script is handed as `window.bookingReportsConfig` (see src/app/options.ts).
	 *
	 * @param string $screen `reports` or `dashboard`.
	 * @return array<string, mixed>
	 */
	private function config( $screen ) {
		$config = array(
			'restUrl'         => rest_url( self::REST_NAMESPACE . '/' ),
			'nonce'           => wp_create_nonce( 'wp_rest' ),
			// Core's own endpoint for a fresh REST nonce (wp_ajax_rest_nonce()), which the block editor uses too.
			'refreshNonceUrl' => admin_url( 'admin-ajax.php?action=rest-nonce' ),
			'timezone'        => wp_timezone_string(),
			'locale'          => get_user_locale(),
			'startOfWeek'     => (int) get_option( 'start_of_week' ),
			'colorScheme'     => Booking_Reports_Color_Scheme::for_current_user(),
			/*
			 * An assumption: the booking plugin's admin app routes a booking's details as below. It publishes no
			 * link format for a single booking; its "Meetings" submenu is admin.php?page=fluent-booking#/scheduled-events.
			 */
			'bookingUrl'      => admin_url( 'admin.php?page=' . self::BOOKING_MENU_SLUG . '#/scheduled-events?booking_id={id}' ),
			// The tiles link to the booking plugin's list of bookings.
			'bookingsUrl'     => admin_url( 'admin.php?page=' . self::BOOKING_MENU_SLUG . '#/scheduled-events' ),
			// The site's name heads a printed report; WordPress stores it HTML-escaped, the dashboard prints text.
			'siteName'        => wp_specialchars_decode( get_bloginfo( 'name' ), ENT_QUOTES ),
		);

		$translations = json_decode(
			(string) load_script_textdomain( self::SCRIPT_HANDLE, self::TEXT_DOMAIN, plugin_dir_path( BOOKING_REPORTS_FILE ) . 'languages' ),
			true
		);
		if ( is_array( $translations ) ) {
			$config['translations'] = $translations;
		}

		/**
		 * Filters whether the first answers of the dashboard are fetched on the server and printed with the page,
		 * so that it shows its numbers without waiting for its first requests.
		 *
		 * @param bool   $preload Whether to preload. Default true.
		 * @param string $screen  `reports` (the Reports screen) or `dashboard` (the Dashboard widget).
		 */
		if ( apply_filters( 'booking_reports_preload', true, $screen ) ) {
			// An object even when no answer was a 200: an empty PHP array would print as a JSON list.
			$config['preloaded'] = (object) $this->preload( $screen );
		} else {
			// Nothing waits for them in PHP: the page's inline script sends them itself (EARLY_REQUESTS_SCRIPT).
			$config['earlyRequests'] = $this->early_requests( $screen );
		}

		return $config;
	}

	/**
	 * The dashboard's first requests for its default range, "last 30 days" in the site's timezone: each route under
	 * the namespace and its query, as the dashboard sends them.
	 *
	 * @param string $screen `reports` or `dashboard`.
	 * @return array<int, array{route: string, query: array<string, string>}>
	 */
	private function first_requests( $screen ) {
		$zone     = wp_timezone();
		$today    = wp_date( 'Y-m-d' );
		$first    = ( new DateTimeImmutable( $today, $zone ) )->modify( '-29 days' )->format( 'Y-m-d' );
		$tomorrow = ( new DateTimeImmutable( $today, $zone ) )->modify( '+1 day' )->format( 'Y-m-d' );

		/*
		 * The comparison window too: the booking plugin compares with a window that starts in 1970, so the dashboard
		 * computes each change itself from the numbers of the window as long as the range that ends one second before
		 * it (counted in seconds, as the dashboard counts it, so a DST change moves its bounds off midnight).
		 */
		$start    = ( new DateTimeImmutable( $first . ' 00:00:00', $zone ) )->getTimestamp();
		$end      = ( new DateTimeImmutable( $today . ' 23:59:59', $zone ) )->getTimestamp();
		$previous = array( $start - ( $end - $start + 1 ), $start - 1 );

		// The graph is asked one day more than it shows: the booking plugin leaves out the last day it is asked for.
		$requests = array(
			array(
				'route' => '/reports',
				'query' => array(
					'startTime' => $first . ' 00:00:00',
					'endTime'   => $today . ' 23:59:59',
				),
			),
			array(
				'route' => '/reports',
				'query' => array(
					'startTime' => wp_date( 'Y-m-d H:i:s', $previous[0] ),
					'endTime'   => wp_date( 'Y-m-d H:i:s', $previous[1] ),
				),
			),
			array(
				'route' => '/reports/graph-reports',
				'query' => array(
					'date_range[0]' => $first,
					'date_range[1]' => $tomorrow,
				),
			),
		);
		// The Dashboard widget shows only the overview and the graph.
		if ( 'reports' === $screen ) {
			$requests[] = array(
				'route' => '/reports/activities',
				'query' => array(),
			);
		}
		return $requests;
	}

	/**
	 * The first answers of the dashboard (first_requests()), keyed as rest_preload_api_request() keys them: by the
	 * path with its query string. rest_preload_api_request() runs each request as the current user, leaves out every
	 * answer that is not a 200, and parses the query string with parse_str(), so `date_range[0]` arrives as the array
	 * the endpoint expects.
	 *
	 * @param string $screen `reports` or `dashboard`.
	 * @return array<string, array{body: mixed, headers: array<string, mixed>}>
	 */
	private function preload( $screen ) {
		$paths = array();
		foreach ( $this->first_requests( $screen ) as $request ) {
			$query   = urldecode( http_build_query( $request['query'], '', '&', PHP_QUERY_RFC3986 ) );
			$paths[] = '/' . self::REST_NAMESPACE . $request['route'] . ( '' === $query ? '' : '?' . $query );
		}

		$preloaded = array_reduce( $paths, 'rest_preload_api_request', array() );
		if ( isset( $preloaded[ $paths[0] ]['body']['overview'] ) && is_array( $preloaded[ $paths[0] ]['body']['overview'] ) ) {
			$this->first_overview = $preloaded[ $paths[0] ]['body']['overview'];
		}
		return $this->with_index( $preloaded );
	}

	/**
	 * What the inline script sends itself when nothing is preloaded, as soon as it runs: the first requests and the
	 * namespace index, each with the URL-encoded query the dashboard's own request would carry, keyed as preloaded
	 * answers are. The dashboard's script is large and takes a while to run; its first requests are on their way
	 * meanwhile, and it takes each answer instead of sending the request again (`early` in its options).
	 *
	 * @param string $screen `reports` or `dashboard`.
	 * @return array<int, array{key: string, path: string, query: string, firstView?: bool}>
	 */
	private function early_requests( $screen ) {
		$requests = array(
			array(
				'key'   => '/' . self::REST_NAMESPACE,
				'path'  => '',
				'query' => '',
			),
		);
		foreach ( $this->first_requests( $screen ) as $index => $request ) {
			$query      = http_build_query( $request['query'], '', '&', PHP_QUERY_RFC3986 );
			$requests[] = array(
				'key'       => '/' . self::REST_NAMESPACE . $request['route'] . ( '' === $query ? '' : '?' . $query ),
				'path'      => ltrim( $request['route'], '/' ),
				'query'     => $query,
				// The range's own /reports: its numbers are shown as the first view as soon as they arrive.
				'firstView' => 0 === $index,
			);
		}
		return $requests;
	}

	/**
	 * Prints the dashboard's config (enqueue_assets()) as an inline script, once, where the page has just printed the
	 * element it mounts on: the dashboard's script, in the footer, reads it when it runs. Hooked on `admin_footer`
	 * too, which comes before the footer's scripts, for a page that printed no element.
	 */
	public function print_config() {
		if ( null === $this->inline_config ) {
			return;
		}
		wp_print_inline_script_tag( $this->inline_config );
		$this->inline_config = null;
	}

	/**
	 * The first view: the preloaded overview's titles and numbers as plain HTML inside the element the dashboard
	 * mounts on, so that they show as soon as the page does, before the script has loaded and run. The dashboard's
	 * shadow root takes the element's place when it mounts, and with it this markup's. Empty without a preloaded
	 * answer. Every part is escaped: the titles are the booking plugin's text.
	 *
	 * @return string HTML.
	 */
	private function first_view() {
		if ( ! is_array( $this->first_overview ) ) {
			return '';
		}
		$tiles = '';
		foreach ( $this->first_overview as $widget ) {
			if ( ! is_array( $widget ) || ! isset( $widget['number'] ) || ! is_numeric( $widget['number'] ) ) {
				continue;
			}
			$title  = isset( $widget['title'] ) && is_scalar( $widget['title'] ) ? wp_strip_all_tags( (string) $widget['title'] ) : '';
			$tiles .= '<li><span>' . esc_html( $title ) . '</span> <span class="br-tile__value">'
				. esc_html( number_format_i18n( (float) $widget['number'] ) ) . '</span></li>';
		}
		return '' === $tiles ? '' : '<ul class="booking-reports-first-view">' . $tiles . '</ul>';
	}

	/**
	 * The preloaded answers with the namespace index among them, keyed as rest_preload_api_request() keys it, so
	 * that the dashboard learns what the server offers (the heatmap, the filters) without a request. Only what it
	 * reads goes into the page: the routes of the reports, each with the names of the arguments it takes; a site's
	 * other routes and every schema stay out.
	 *
	 * @param array<string, mixed> $preloaded The answers preloaded so far.
	 * @return array<string, mixed>
	 */
	private function with_index( array $preloaded ) {
		$key   = '/' . self::REST_NAMESPACE;
		$index = rest_preload_api_request( array(), $key );
		$body  = isset( $index[ $key ]['body'] ) ? $index[ $key ]['body'] : null;
		if ( ! is_array( $body ) || ! isset( $body['routes'] ) || ! is_array( $body['routes'] ) ) {
			return $preloaded;
		}
		$routes = array();
		foreach ( $body['routes'] as $route => $details ) {
			if ( 0 !== strpos( (string) $route, $key . '/reports' ) || ! is_array( $details ) ) {
				continue;
			}
			$endpoints = array();
			foreach ( isset( $details['endpoints'] ) ? (array) $details['endpoints'] : array() as $endpoint ) {
				$args        = is_array( $endpoint ) && isset( $endpoint['args'] ) ? array_keys( (array) $endpoint['args'] ) : array();
				$endpoints[] = array( 'args' => (object) array_fill_keys( $args, new stdClass() ) );
			}
			$routes[ $route ] = array( 'endpoints' => $endpoints );
		}
		$preloaded[ $key ] = array(
			'body'    => array(
				'namespace' => self::REST_NAMESPACE,
				'routes'    => (object) $routes,
			),
			'headers' => array(),
		);
		return $preloaded;
	}

	/**
	 * The build's facts about the script: `assets/booking-reports.asset.php`, which `npm run plugin` writes.
	 *
	 * @return array{dependencies: string[], version: string}
	 */
	private function script_asset() {
		$file  = plugin_dir_path( BOOKING_REPORTS_FILE ) . 'assets/booking-reports.asset.php';
		$asset = is_readable( $file ) ? require $file : array();
		return array(
			'dependencies' => isset( $asset['dependencies'] ) && is_array( $asset['dependencies'] ) ? $asset['dependencies'] : array(),
			'version'      => isset( $asset['version'] ) ? (string) $asset['version'] : 'dev',
		);
	}

	/**
	 * Says so when the plugin runs from the source tree, which has no built script (`npm run plugin` makes one).
	 */
	private function print_missing_build_notice() {
		if ( is_readable( plugin_dir_path( BOOKING_REPORTS_FILE ) . 'assets/booking-reports.js' ) ) {
			return;
		}
		echo '<div class="notice notice-error inline"><p>' . esc_html__( 'The dashboard script is missing from this copy of the plugin. Install the plugin from its zip file.', 'booking-reports' ) . '</p></div>';
	}
}
