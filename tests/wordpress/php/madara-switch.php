<?php
/*
 * Plugin Name: Madara test switches
 * Description: Reads the test's switch file on every request, so one installed site can be
 * served in several configurations without reinstalling. Each switch is what a real site's
 * setting, plugin or firewall does.
 */

$madara_switch = json_decode((string) @file_get_contents(MADARA_SWITCH_FILE), true);
if (!is_array($madara_switch)) {
    $madara_switch = array();
}

// Settings → Reading / Discussion / Permalinks, as options.
foreach (array('permalink_structure', 'rss_use_excerpt', 'comment_moderation',
               'comment_previously_approved') as $madara_option) {
    if (array_key_exists($madara_option, $madara_switch)) {
        $madara_value = $madara_switch[$madara_option];
        $madara_value = is_bool($madara_value) ? ($madara_value ? '1' : '0') : (string) $madara_value;
        add_filter("pre_option_$madara_option", function () use ($madara_value) {
            return $madara_value;
        });
    }
}
// The stored rewrite rules belong to one permalink structure: rebuild them for the one in force.
add_filter('pre_option_rewrite_rules', function () {
    return array();
});

// Appearance → Themes.
if (!empty($madara_switch['theme'])) {
    $madara_theme = (string) $madara_switch['theme'];
    add_filter('pre_option_template', function () use ($madara_theme) {
        return $madara_theme;
    });
    add_filter('pre_option_stylesheet', function () use ($madara_theme) {
        return $madara_theme;
    });
}

// Plugins: Akismet active (no API key: it adds its hidden form fields and checks nothing).
add_filter('pre_option_active_plugins', function () use ($madara_switch) {
    return empty($madara_switch['akismet']) ? array() : array('akismet/akismet.php');
});

// The REST API closed the usual way (a snippet or plugin on rest_authentication_errors) …
$madara_rest = $madara_switch['rest'] ?? 'open';
if ($madara_rest === 'closed_401') {
    add_filter('rest_authentication_errors', function () {
        return new WP_Error('rest_not_logged_in', 'دسترسی به API بسته است.', array('status' => 401));
    });
}
// … or by a firewall in front of it, which answers with its own HTML page.
if ($madara_rest === 'closed_403') {
    $madara_uri = (string) ($_SERVER['REQUEST_URI'] ?? '');
    if (strpos((string) parse_url($madara_uri, PHP_URL_PATH), '/wp-json') === 0
        || isset($_GET['rest_route'])) {
        http_response_code(403);
        header('Content-Type: text/html; charset=UTF-8');
        echo "<!DOCTYPE html><html lang=\"fa\" dir=\"rtl\"><head><title>دسترسی ممنوع</title></head>"
            . "<body><h1>۴۰۳ — دسترسی ممنوع</h1><p>درخواست شما مسدود شد.</p></body></html>";
        exit;
    }
}

// The 15 s comment flood limit, on unless a test turns it off to post several comments.
if (isset($madara_switch['flood']) && !$madara_switch['flood']) {
    add_filter('comment_flood_filter', '__return_false', 99);
}

// A test machine sends no mail (new comments notify the moderator).
if (!function_exists('wp_mail')) {
    function wp_mail() {
        return true;
    }
}
