// Package wptext turns stored text into the HTML WordPress displays, byte
// for byte as WordPress 6.9's formatting does (wp-includes/formatting.php):
// wptexturize, wpautop, make_clickable, force_balance_tags,
// convert_smilies, convert_chars, capital_P_dangit, excerpts and tag
// stripping, and the display filter chains that run them in WordPress's
// order (TheTitle, TheContent, TheExcerpt, CommentText), so that the REST
// API, XML-RPC and the public pages show a text alike.
//
// It is pure string functions: site settings come in as Options, and it
// reads no database and knows no protocol. Deciding what may be stored is
// models/kses's job; this package only imports it for esc_url.
package wptext
