<?php
// Installs WordPress (fa_IR, Asia/Tehran) with the site options of the seed JSON file given as
// the first argument; the document root (with its wp-config.php) is the second argument.
// seed.php then adds the content, in a process of its own: with WP_INSTALLING, WordPress caches
// no option and every get_option() would be a query.

define('WP_INSTALLING', true);
function wp_mail() {
    return true;  // no mail on a test machine (the install notifies the admin)
}
$seed = json_decode(file_get_contents($argv[1]), true);
define('ABSPATH', $argv[2] . '/');
$_SERVER['HTTP_HOST'] = parse_url($seed['url'], PHP_URL_HOST);
$_SERVER['REQUEST_URI'] = '/';
require ABSPATH . 'wp-config.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

wp_install($seed['name'], 'admin', 'admin@example.invalid', true, '', 'madara-test-admin', 'fa_IR');
$options = array(
    'blogdescription' => $seed['description'],
    'WPLANG' => 'fa_IR',
    'timezone_string' => 'Asia/Tehran',
    'gmt_offset' => '',
    'permalink_structure' => '/%year%/%monthnum%/%postname%/',
    'posts_per_page' => 10,
    'posts_per_rss' => 10,
    'require_name_email' => 1,
    'comment_registration' => 0,
    'thread_comments' => 1,
    'comment_moderation' => 0,
    'comment_previously_approved' => 1,
);
foreach ($options as $name => $value) {
    update_option($name, $value);
}
wp_delete_post(1, true);  // WordPress's own sample post and page are not ours
wp_delete_post(2, true);
