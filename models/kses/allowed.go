package kses

import "strings"

// attrRule is what an allowlist says of one attribute. The zero value
// allows the attribute with any value, as WordPress's `true` does.
type attrRule struct {
	// valueless "y" means the attribute must be written without a value
	// (<a download>); "n" that it must have one.
	valueless string
	// values, when set, lists the only (lower-case) values accepted.
	values []string
	// required: without it, the element loses all its attributes.
	required bool
	// pdfObject checks the value as WordPress's _wp_kses_allow_pdf_objects
	// callback does (a .pdf on the site's uploads host).
	pdfObject bool
}

// elementRules maps lower-case attribute names to their rules; "data-*"
// stands for every custom data attribute.
type elementRules map[string]attrRule

// allowlist maps lower-case element names to the attributes they keep.
type allowlist map[string]elementRules

// plainTags builds rules from "element: attr attr …" lines.
func plainTags(spec string) allowlist {
	out := allowlist{}
	for _, line := range strings.Split(strings.TrimSpace(spec), "\n") {
		name, attrs, _ := strings.Cut(line, ":")
		rules := elementRules{}
		for _, a := range strings.Fields(attrs) {
			rules[a] = attrRule{}
		}
		out[strings.TrimSpace(name)] = rules
	}
	return out
}

// commentTags is WordPress's $allowedtags: what comments (wp_filter_kses
// on pre_comment_content) and post titles (on title_save_pre) may keep.
var commentTags = plainTags(`
a: href title
abbr: title
acronym: title
b:
blockquote: cite
cite:
code:
del: datetime
em:
i:
q: cite
s:
strike:
strong:`)

// postTags is WordPress's $allowedposttags (wp_filter_post_kses, used for
// post content and excerpts), with the global attributes added to every
// element as _wp_add_global_attributes does.
var postTags = func() allowlist {
	tags := plainTags(`
address:
a: href rel rev name target
abbr:
acronym:
area: alt coords href nohref shape target
article: align
aside: align
audio: autoplay controls loop muted preload src
b:
bdo:
big:
blockquote: cite
br:
button: disabled name type value
caption: align
cite:
code:
col: align char charoff span valign width
colgroup: align char charoff span valign width
del: datetime
dd:
dfn:
details: align open
div: align
dl:
dt:
em:
fieldset:
figure: align
figcaption: align
font: color face size
footer: align
h1: align
h2: align
h3: align
h4: align
h5: align
h6: align
header: align
hgroup: align
hr: align noshade size width
i:
img: alt align border height hspace loading longdesc vspace src usemap width
ins: datetime cite
kbd:
label: for
legend: align
li: align value
main: align
map: name
mark:
menu: type
nav: align
object:
p: align
pre: width
q: cite
rb:
rp:
rt:
rtc:
ruby:
s:
samp:
span: align
section: align
small:
strike:
strong:
sub:
summary: align
sup:
table: align bgcolor border cellpadding cellspacing rules summary width
tbody: align char charoff valign
td: abbr align axis bgcolor char charoff colspan headers height nowrap rowspan scope valign width
textarea: cols rows disabled name readonly
tfoot: align char charoff valign
th: abbr align axis bgcolor char charoff colspan headers height nowrap rowspan scope valign width
thead: align char charoff valign
title:
tr: align bgcolor char charoff valign
track: default kind label src srclang
tt:
u:
ul: type
ol: start type reversed
var:
video: autoplay controls height loop muted playsinline poster preload src width`)
	tags["a"]["download"] = attrRule{valueless: "y"}
	tags["object"]["data"] = attrRule{required: true, pdfObject: true}
	tags["object"]["type"] = attrRule{required: true, values: []string{"application/pdf"}}
	global := strings.Fields(`aria-controls aria-current aria-describedby aria-details aria-expanded
		aria-hidden aria-label aria-labelledby aria-live class data-* dir hidden id lang style title
		role xml:lang`)
	for _, rules := range tags {
		for _, g := range global {
			rules[g] = attrRule{}
		}
	}
	return tags
}()

// allowedProtocols is wp_allowed_protocols(): the URL schemes an attribute
// holding a URL may keep.
var allowedProtocols = wordSet(`http https ftp ftps mailto news irc irc6 ircs gopher nntp feed
	telnet mms rtsp sms svn tel fax xmpp webcal urn`)

// uriAttributes is wp_kses_uri_attributes(): attributes whose value is a
// URL and so has its protocol checked.
var uriAttributes = wordSet(`action archive background cite classid codebase data formaction
	href icon longdesc manifest poster profile src usemap xmlns`)

// entityNames is $allowedentitynames: the named references kses keeps
// (every other &name; has its ampersand escaped). Case matters.
var entityNames = wordSet(`nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo
	not shy reg macr deg plusmn acute micro para middot cedil ordm raquo iquest Agrave Aacute
	Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH
	Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN
	szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave
	iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute
	ucirc uuml yacute thorn yuml quot amp lt gt apos OElig oelig Scaron scaron Yuml circ tilde
	ensp emsp thinsp zwnj zwj lrm rlm ndash mdash lsquo rsquo sbquo ldquo rdquo bdquo dagger
	Dagger permil lsaquo rsaquo euro fnof Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota
	Kappa Lambda Mu Nu Xi Omicron Pi Rho Sigma Tau Upsilon Phi Chi Psi Omega alpha beta gamma
	delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigmaf sigma tau
	upsilon phi chi psi omega thetasym upsih piv bull hellip prime Prime oline frasl weierp
	image real trade alefsym larr uarr rarr darr harr crarr lArr uArr rArr dArr hArr forall
	part exist empty nabla isin notin ni prod sum minus lowast radic prop infin ang and or cap
	cup int sim cong asymp ne equiv le ge sub sup nsub sube supe oplus otimes perp sdot lceil
	rceil lfloor rfloor lang rang loz spades clubs hearts diams sup1 sup2 sup3 frac14 frac12
	frac34 there4`)

// wordSet is the set of the space-separated words of list.
func wordSet(list string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(list) {
		set[w] = true
	}
	return set
}
