<?php
// The router of `php -S` for the test WordPress: real files pass through, PHP files run in the
// global scope with the server variables a web server would set, and every other path goes to
// index.php (pretty permalinks, /wp-json/). ABSPATH is this document root, so WordPress reads
// the wp-config.php written beside it, never Debian's /etc/wordpress.
define('ABSPATH', __DIR__ . '/');
// One line per request, for the tests that count what a refresh costs.
file_put_contents(dirname(__DIR__) . '/requests.log',
    $_SERVER['REQUEST_METHOD'] . ' ' . $_SERVER['REQUEST_URI'] . "\n", FILE_APPEND | LOCK_EX);
$madara_path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/');
$madara_file = realpath(__DIR__ . $madara_path) ? __DIR__ . $madara_path : '';
if ($madara_file !== '' && is_dir($madara_file)) {
    $madara_file = is_file(rtrim($madara_file, '/') . '/index.php')
        ? rtrim($madara_file, '/') . '/index.php' : '';
    $madara_path = rtrim($madara_path, '/') . '/index.php';
}
if ($madara_file !== '' && is_file($madara_file) && substr($madara_file, -4) !== '.php') {
    return false;
}
if ($madara_file === '' || !is_file($madara_file)) {
    $madara_file = __DIR__ . '/index.php';
    $madara_path = '/index.php';
}
$_SERVER['SCRIPT_NAME'] = $madara_path;
$_SERVER['PHP_SELF'] = $madara_path;
$_SERVER['SCRIPT_FILENAME'] = $madara_file;
chdir(dirname($madara_file));
require $madara_file;
