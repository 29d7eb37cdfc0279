<?php
/**
 * The user's wp-admin colour scheme as the dashboard's `colorScheme` option.
 *
 * @package BookingReports
 */

defined( 'ABSPATH' ) || exit;

/**
 * Maps a registered admin colour scheme (core's `$_wp_admin_css_colors`) to the dashboard's colour tokens.
 */
class Booking_Reports_Color_Scheme {

	/**
	 * WordPress's default blue, the highlight of the "Default" (fresh) scheme.
	 */
	const DEFAULT_PRIMARY = '#2271b1';

	/**
	 * The dashboard's surface in light mode, on which `primary` is also used as a text colour (links, outline buttons).
	 */
	const SURFACE = '#ffffff';

	/**
	 * The two text colours `on-primary` chooses from: white, and wp-admin's text colour.
	 */
	const LIGHT_TEXT = '#ffffff';
	const DARK_TEXT  = '#1d2327';

	/**
	 * WCAG 2 AA contrast for normal text.
	 */
	const TEXT_CONTRAST = 4.5;

	/**
	 * Where each core scheme keeps its highlight colour in the `colors` list it registers.
	 *
	 * register_admin_color_schemes() lists each scheme's colours in no fixed order: the highlight (the
	 * `$highlight-color` of wp-admin/css/colors/<scheme>/colors.scss, which paints the current menu item and the
	 * primary buttons) is third for most schemes, but first for "Blue", second for "Modern" and fourth for "Light"
	 * and "Midnight". Schemes other plugins register are read at the position most core schemes use.
	 *
	 * @var array<string, int>
	 */
	const HIGHLIGHT_INDEX = array(
		'fresh'     => 2,
		'light'     => 3,
		'modern'    => 1,
		'blue'      => 0,
		'midnight'  => 3,
		'sunrise'   => 2,
		'ectoplasm' => 2,
		'ocean'     => 2,
		'coffee'    => 2,
	);

	/**
	 * The `colorScheme` option for the current user's admin colour scheme.
	 *
	 * @return array{mode: string, colors: array<string, string>}
	 */
	public static function for_current_user() {
		global $_wp_admin_css_colors;

		$key     = (string) get_user_option( 'admin_color' );
		$schemes = is_array( $_wp_admin_css_colors ) ? $_wp_admin_css_colors : array();
		if ( ! isset( $schemes[ $key ] ) ) {
			$key = 'fresh';
		}
		$colors = isset( $schemes[ $key ]->colors ) ? array_values( (array) $schemes[ $key ]->colors ) : array();

		return self::for_scheme( $key, $colors );
	}

	/**
	 * The `colorScheme` option for a scheme's registered colours.
	 *
	 * @param string   $key    The scheme's key, e.g. `midnight`.
	 * @param string[] $colors The colours it registered with wp_admin_css_color().
	 * @return array{mode: string, colors: array<string, string>}
	 */
	public static function for_scheme( $key, array $colors ) {
		$index     = self::HIGHLIGHT_INDEX[ $key ] ?? min( 2, count( $colors ) - 1 );
		$highlight = self::parse_hex( (string) ( $colors[ $index ] ?? '' ) ) ?? self::parse_hex( self::DEFAULT_PRIMARY );

		/*
		 * The dashboard also writes text in `primary` on its white surface, so a light highlight (Light, Sunrise,
		 * Midnight, Ectoplasm, Ocean, Coffee) is darkened, keeping its hue, until that text is readable (WCAG AA).
		 * Default, Modern and Blue pass as they are.
		 */
		$surface = self::parse_hex( self::SURFACE );
		$primary = self::darken_until( $highlight, $surface, self::TEXT_CONTRAST );
		// Hover and pressed states, as wp-admin's own buttons do: darken( $highlight-color, 10% ).
		$primary_strong = self::darken( $primary, 0.10 );

		// The text colour that stays readable on both backgrounds a primary button takes.
		$on_primary = self::LIGHT_TEXT;
		$best       = 0.0;
		foreach ( array( self::LIGHT_TEXT, self::DARK_TEXT ) as $candidate ) {
			$text     = self::parse_hex( $candidate );
			$contrast = min( self::contrast( $text, $primary ), self::contrast( $text, $primary_strong ) );
			if ( $contrast > $best ) {
				$best       = $contrast;
				$on_primary = $candidate;
			}
		}

		return array(
			'mode'   => 'light',
			'colors' => array(
				'primary'        => self::to_hex( $primary ),
				'primary-strong' => self::to_hex( $primary_strong ),
				'on-primary'     => $on_primary,
				'focus'          => self::to_hex( $primary ),
			),
		);
	}

	/**
	 * Reads `#rgb` or `#rrggbb`.
	 *
	 * @param string $color A hex colour.
	 * @return float[]|null Red, green and blue from 0 to 1, or null when it is not a hex colour.
	 */
	private static function parse_hex( $color ) {
		$hex = ltrim( trim( $color ), '#' );
		if ( preg_match( '/^[0-9a-f]{3}$/i', $hex ) ) {
			$hex = $hex[0] . $hex[0] . $hex[1] . $hex[1] . $hex[2] . $hex[2];
		}
		if ( ! preg_match( '/^[0-9a-f]{6}$/i', $hex ) ) {
			return null;
		}
		return array_map(
			static function ( $pair ) {
				return hexdec( $pair ) / 255;
			},
			str_split( $hex, 2 )
		);
	}

	/**
	 * Writes `#rrggbb`.
	 *
	 * @param float[] $rgb Red, green and blue from 0 to 1.
	 * @return string
	 */
	private static function to_hex( array $rgb ) {
		return '#' . implode(
			'',
			array_map(
				static function ( $channel ) {
					return sprintf( '%02x', (int) round( max( 0, min( 1, $channel ) ) * 255 ) );
				},
				$rgb
			)
		);
	}

	/**
	 * WCAG 2 relative luminance.
	 *
	 * @param float[] $rgb Red, green and blue from 0 to 1 (sRGB).
	 * @return float
	 */
	private static function luminance( array $rgb ) {
		$linear = array_map(
			static function ( $channel ) {
				return $channel <= 0.04045 ? $channel / 12.92 : ( ( $channel + 0.055 ) / 1.055 ) ** 2.4;
			},
			$rgb
		);
		return 0.2126 * $linear[0] + 0.7152 * $linear[1] + 0.0722 * $linear[2];
	}

	/**
	 * WCAG 2 contrast ratio, 1 to 21.
	 *
	 * @param float[] $first  A colour.
	 * @param float[] $second Another colour.
	 * @return float
	 */
	private static function contrast( array $first, array $second ) {
		$lighter = max( self::luminance( $first ), self::luminance( $second ) );
		$darker  = min( self::luminance( $first ), self::luminance( $second ) );
		return ( $lighter + 0.05 ) / ( $darker + 0.05 );
	}

	/**
	 * Lowers the HSL lightness, as Sass's darken() does.
	 *
	 * @param float[] $rgb    Red, green and blue from 0 to 1.
	 * @param float   $amount Lightness to take away, from 0 to 1.
	 * @return float[]
	 */
	private static function darken( array $rgb, $amount ) {
		list( $hue, $saturation, $lightness ) = self::to_hsl( $rgb );
		return self::from_hsl( $hue, $saturation, max( 0, $lightness - $amount ) );
	}

	/**
	 * Darkens a colour one lightness point at a time until it reaches a contrast against a background.
	 *
	 * @param float[] $rgb        The colour.
	 * @param float[] $background The background it is read on.
	 * @param float   $target     The contrast to reach.
	 * @return float[]
	 */
	private static function darken_until( array $rgb, array $background, $target ) {
		$color = $rgb;
		for ( $step = 0; $step < 100 && self::contrast( $color, $background ) < $target; $step++ ) {
			$color = self::darken( $color, 0.01 );
		}
		return $color;
	}

	/**
	 * RGB to HSL.
	 *
	 * @param float[] $rgb Red, green and blue from 0 to 1.
	 * @return float[] Hue (0 to 360), saturation and lightness (0 to 1).
	 */
	private static function to_hsl( array $rgb ) {
		list( $red, $green, $blue ) = $rgb;

		$max       = max( $rgb );
		$min       = min( $rgb );
		$lightness = ( $max + $min ) / 2;
		$delta     = $max - $min;
		if ( 0.0 === (float) $delta ) {
			return array( 0.0, 0.0, $lightness );
		}
		$saturation = $delta / ( 1 - abs( 2 * $lightness - 1 ) );
		if ( $max === $red ) {
			$hue = 60 * fmod( ( $green - $blue ) / $delta + 6, 6 );
		} elseif ( $max === $green ) {
			$hue = 60 * ( ( $blue - $red ) / $delta + 2 );
		} else {
			$hue = 60 * ( ( $red - $green ) / $delta + 4 );
		}
		return array( $hue, $saturation, $lightness );
	}

	/**
	 * HSL to RGB.
	 *
	 * @param float $hue        0 to 360.
	 * @param float $saturation 0 to 1.
	 * @param float $lightness  0 to 1.
	 * @return float[] Red, green and blue from 0 to 1.
	 */
	private static function from_hsl( $hue, $saturation, $lightness ) {
		$chroma = ( 1 - abs( 2 * $lightness - 1 ) ) * $saturation;
		$second = $chroma * ( 1 - abs( fmod( $hue / 60, 2 ) - 1 ) );
		$offset = $lightness - $chroma / 2;
		$sector = (int) floor( $hue / 60 ) % 6;
		$rgb    = array(
			array( $chroma, $second, 0 ),
			array( $second, $chroma, 0 ),
			array( 0, $chroma, $second ),
			array( 0, $second, $chroma ),
			array( $second, 0, $chroma ),
			array( $chroma, 0, $second ),
		)[ $sector ];
		return array( $rgb[0] + $offset, $rgb[1] + $offset, $rgb[2] + $offset );
	}
}
