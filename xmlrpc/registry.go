package xmlrpc

// registry is the explicit method table: a map for dispatch plus the
// registration order, which WordPress exposes through system.listMethods
// (reversed) and mt.supportedMethods (as is). No reflection: a method
// exists exactly when it is listed here.
type registry struct {
	byName map[string]Method
	order  []string // WordPress's registration order, system.* excluded
	system []string // IXR's own methods, in registration order
}

type methodEntry struct {
	name string
	fn   Method
}

// wordpressMethods lists the methods in the order WordPress registers them.
// pingback.ping is absent unless the server enables it (see pingback.go).
var wordpressMethods = []methodEntry{
	{"wp.getUsersBlogs", wpGetUsersBlogs},
	{"wp.newPost", wpNewPost},
	{"wp.editPost", wpEditPost},
	{"wp.deletePost", wpDeletePost},
	{"wp.getPost", wpGetPost},
	{"wp.getPosts", wpGetPosts},
	{"wp.newTerm", wpNewTerm},
	{"wp.editTerm", wpEditTerm},
	{"wp.deleteTerm", wpDeleteTerm},
	{"wp.getTerm", wpGetTerm},
	{"wp.getTerms", wpGetTerms},
	{"wp.getTaxonomy", wpGetTaxonomy},
	{"wp.getTaxonomies", wpGetTaxonomies},
	{"wp.getUser", wpGetUser},
	{"wp.getUsers", wpGetUsers},
	{"wp.getProfile", wpGetProfile},
	{"wp.editProfile", wpEditProfile},
	{"wp.getPage", wpGetPage},
	{"wp.getPages", wpGetPages},
	{"wp.newPage", wpNewPage},
	{"wp.deletePage", wpDeletePage},
	{"wp.editPage", wpEditPage},
	{"wp.getPageList", wpGetPageList},
	{"wp.getAuthors", wpGetAuthors},
	{"wp.getCategories", mwGetCategories},
	{"wp.getTags", wpGetTags},
	{"wp.newCategory", wpNewCategory},
	{"wp.deleteCategory", wpDeleteCategory},
	{"wp.suggestCategories", wpSuggestCategories},
	{"wp.uploadFile", mwNewMediaObject},
	{"wp.deleteFile", wpDeletePost},
	{"wp.getCommentCount", wpGetCommentCount},
	{"wp.getPostStatusList", wpGetPostStatusList},
	{"wp.getPageStatusList", wpGetPageStatusList},
	{"wp.getPageTemplates", wpGetPageTemplates},
	{"wp.getOptions", wpGetOptions},
	{"wp.setOptions", wpSetOptions},
	{"wp.getComment", wpGetComment},
	{"wp.getComments", wpGetComments},
	{"wp.deleteComment", wpDeleteComment},
	{"wp.editComment", wpEditComment},
	{"wp.newComment", wpNewComment},
	{"wp.getCommentStatusList", wpGetCommentStatusList},
	{"wp.getMediaItem", wpGetMediaItem},
	{"wp.getMediaLibrary", wpGetMediaLibrary},
	{"wp.getPostFormats", wpGetPostFormats},
	{"wp.getPostType", wpGetPostType},
	{"wp.getPostTypes", wpGetPostTypes},
	{"wp.getRevisions", wpGetRevisions},
	{"wp.restoreRevision", wpRestoreRevision},
	{"blogger.getUsersBlogs", bloggerGetUsersBlogs},
	{"blogger.getUserInfo", bloggerGetUserInfo},
	{"blogger.getPost", bloggerGetPost},
	{"blogger.getRecentPosts", bloggerGetRecentPosts},
	{"blogger.newPost", bloggerNewPost},
	{"blogger.editPost", bloggerEditPost},
	{"blogger.deletePost", bloggerDeletePost},
	{"metaWeblog.newPost", mwNewPost},
	{"metaWeblog.editPost", mwEditPost},
	{"metaWeblog.getPost", mwGetPost},
	{"metaWeblog.getRecentPosts", mwGetRecentPosts},
	{"metaWeblog.getCategories", mwGetCategories},
	{"metaWeblog.newMediaObject", mwNewMediaObject},
	{"metaWeblog.deletePost", bloggerDeletePost},
	{"metaWeblog.getUsersBlogs", bloggerGetUsersBlogs},
	{"mt.getCategoryList", mtGetCategoryList},
	{"mt.getRecentPostTitles", mtGetRecentPostTitles},
	{"mt.getPostCategories", mtGetPostCategories},
	{"mt.setPostCategories", mtSetPostCategories},
	{"mt.supportedMethods", mtSupportedMethods},
	{"mt.supportedTextFilters", mtSupportedTextFilters},
	{"mt.getTrackbackPings", mtGetTrackbackPings},
	{"mt.publishPost", mtPublishPost},
	{"pingback.extensions.getPingbacks", pingbackGetPingbacks},
	{"demo.sayHello", demoSayHello},
	{"demo.addTwoNumbers", demoAddTwoNumbers},
}

// readOnlyMethods change nothing: the only methods a read-only application
// password (a PressPass extension) may call.
var readOnlyMethods = map[string]bool{
	"wp.getUsersBlogs": true, "wp.getPost": true, "wp.getPosts": true, "wp.getUser": true, "wp.getUsers": true,
	"wp.getProfile": true, "wp.getPage": true, "wp.getPages": true, "wp.getPageList": true, "wp.getAuthors": true,
	"wp.getPostStatusList": true, "wp.getPageStatusList": true, "wp.getOptions": true, "wp.getPostFormats": true,
	"wp.getPostType": true, "wp.getPostTypes": true, "blogger.getUsersBlogs": true, "blogger.getUserInfo": true,
	"blogger.getPost": true, "blogger.getRecentPosts": true, "metaWeblog.getPost": true,
	"metaWeblog.getRecentPosts": true, "metaWeblog.getUsersBlogs": true, "mt.getRecentPostTitles": true,
	"wp.getTerm": true, "wp.getTerms": true, "wp.getTaxonomy": true, "wp.getTaxonomies": true,
	"wp.getCategories": true, "wp.getTags": true, "wp.suggestCategories": true, "wp.getCommentCount": true,
	"wp.getPageTemplates": true, "wp.getComment": true, "wp.getComments": true, "wp.getCommentStatusList": true,
	"metaWeblog.getCategories": true, "mt.getCategoryList": true, "mt.getPostCategories": true,
	"wp.getRevisions": true, "wp.getMediaItem": true, "wp.getMediaLibrary": true,
}

// systemMethods are IXR's own, registered after WordPress's.
var systemMethods = []methodEntry{
	{"system.getCapabilities", systemGetCapabilities},
	{"system.listMethods", systemListMethods},
	{"system.multicall", systemMulticall},
}

func newRegistry() *registry {
	r := &registry{byName: make(map[string]Method, len(wordpressMethods)+len(systemMethods))}
	for _, m := range wordpressMethods {
		r.byName[m.name] = m.fn
		r.order = append(r.order, m.name)
	}
	for _, m := range systemMethods {
		r.byName[m.name] = m.fn
		r.system = append(r.system, m.name)
	}
	return r
}

func (r *registry) lookup(name string) (Method, bool) {
	fn, ok := r.byName[name]
	return fn, ok
}

// listMethods is IXR's answer: every callback, newest registration first.
func (r *registry) listMethods() []string {
	out := make([]string, 0, len(r.order)+len(r.system))
	for i := len(r.system) - 1; i >= 0; i-- {
		out = append(out, r.system[i])
	}
	for i := len(r.order) - 1; i >= 0; i-- {
		out = append(out, r.order[i])
	}
	return out
}

// insertBefore registers an optional method (pingback.ping) at its place in
// WordPress's order: just before the method named next.
func (r *registry) insertBefore(next, name string, fn Method) {
	if _, ok := r.byName[name]; ok {
		r.byName[name] = fn
		return
	}
	r.byName[name] = fn
	at := len(r.order)
	for i, n := range r.order {
		if n == next {
			at = i
			break
		}
	}
	r.order = append(r.order[:at], append([]string{name}, r.order[at:]...)...)
}
