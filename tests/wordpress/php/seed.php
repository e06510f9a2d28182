<?php
// Seeds the installed WordPress (install.php ran first) from the JSON file given as the first
// argument (written by tests/wordpress/wp_seed.py); the document root is the second argument.
// Prints the ids WordPress gave as JSON.

$seed = json_decode(file_get_contents($argv[1]), true);
define('ABSPATH', $argv[2] . '/');
$_SERVER['HTTP_HOST'] = parse_url($seed['url'], PHP_URL_HOST);
$_SERVER['REQUEST_URI'] = '/';
require ABSPATH . 'wp-config.php';

wp_set_current_user(1);  // the admin: our own HTML needs no kses pass
// Seeded posts were never "published" one by one: no pings, enclosures or their cron events.
remove_action('publish_post', '_publish_post_hook', 5);
wp_defer_term_counting(true);
// One transaction: the seed is written at once.
$wpdb->query('START TRANSACTION');
wp_defer_comment_counting(true);

$terms = array();
foreach ($seed['categories'] as $category) {
    $made = wp_insert_term($category['name'], 'category', array('slug' => $category['slug']));
    $terms[$category['slug']] = is_wp_error($made) ? 0 : (int) $made['term_id'];
}
$users = array();
foreach ($seed['authors'] as $author) {
    $users[$author['slug']] = wp_insert_user(array(
        'user_login' => $author['slug'], 'user_pass' => 'madara-test-' . $author['slug'],
        'user_email' => $author['slug'] . '@example.invalid', 'display_name' => $author['name'],
        'nickname' => $author['name'], 'role' => 'author',
    ));
}

$image = 0;
if (!empty($seed['image'])) {
    $uploads = wp_upload_dir('2025/11');
    $file = $uploads['path'] . '/' . $seed['image']['name'];
    file_put_contents($file, base64_decode($seed['image']['png']));
    $image = wp_insert_attachment(array(
        'post_mime_type' => 'image/png', 'post_title' => $seed['image']['title'],
        'post_status' => 'inherit', 'guid' => $uploads['url'] . '/' . $seed['image']['name'],
    ), $file);
    update_post_meta($image, '_wp_attachment_image_alt', $seed['image']['alt']);
    wp_update_attachment_metadata($image, array('width' => 8, 'height' => 8,
        'file' => '2025/11/' . $seed['image']['name']));
}

$ids = array();
$comment_ids = array();
foreach ($seed['posts'] as $post) {
    $id = wp_insert_post(array(
        'post_title' => $post['title'], 'post_content' => $post['content'],
        'post_excerpt' => $post['excerpt'], 'post_status' => $post['status'],
        'post_date' => $post['date'], 'post_name' => $post['slug'],
        'post_author' => $users[$post['author']],
        'post_category' => array_map(function ($slug) use ($terms) {
            return $terms[$slug];
        }, $post['categories']),
        'comment_status' => $post['comments_open'] ? 'open' : 'closed',
    ), true);
    if (is_wp_error($id)) {
        fwrite(STDERR, $id->get_error_message() . "\n");
        exit(1);
    }
    if (!empty($post['featured']) && $image) {
        set_post_thumbnail($id, $image);
    }
    $ids[$post['key']] = $id;
    foreach ($post['comments'] as $comment) {
        $comment_ids[$comment['key']] = wp_insert_comment(array(
            'comment_post_ID' => $id, 'comment_author' => $comment['author'],
            'comment_author_email' => $comment['email'], 'comment_content' => $comment['text'],
            'comment_date' => $comment['date'],
            'comment_date_gmt' => get_gmt_from_date($comment['date']),
            'comment_parent' => $comment['parent'] ? $comment_ids[$comment['parent']] : 0,
            'comment_approved' => $comment['approved'] ? 1 : 0,
            'comment_author_IP' => '192.0.2.7',
        ));
    }
}
$wpdb->query('COMMIT');
wp_defer_term_counting(false);
wp_defer_comment_counting(false);
echo json_encode(array('posts' => $ids, 'comments' => $comment_ids, 'image' => $image));
