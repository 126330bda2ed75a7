package site

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/presspass/presspass/handlers/words"
	"github.com/presspass/presspass/languages"
	"github.com/presspass/presspass/models"
)

// The two forms of the public site: a protected post's password
// (wp-login.php?action=postpass) and a comment (wp-comments-post.php).

// maxFormBytes bounds a form's body: a comment is at most 64 KB.
const maxFormBytes = 256 << 10

// PostPass is wp-login.php?action=postpass: the password typed into a
// protected post's form goes into the wp-postpass cookie as a hash, and the
// visitor goes back to the post.
func (st *Site) PostPass(c echo.Context) error {
	r := c.Request()
	r.Body = http.MaxBytesReader(c.Response(), r.Body, maxFormBytes)
	to := c.FormValue("redirect_to")
	if to == "" {
		to = r.Referer()
	}
	to = st.safeRedirect(to)
	pw, ok := r.PostForm["post_password"]
	if !ok || len(pw) != 1 {
		return redirect(c, http.StatusFound, to)
	}
	c.SetCookie(&http.Cookie{
		Name:     st.passCookie,
		Value:    url.QueryEscape(models.PostPasswordCookieValue(pw[0])),
		Path:     "/",
		Expires:  st.store.Now().Add(models.PostPasswordCookieLife),
		Secure:   strings.HasPrefix(to, "https:"),
		HttpOnly: true,
		SameSite: http.SameSiteLaxMode,
	})
	return redirect(c, http.StatusFound, to)
}

// safeRedirect is wp_safe_redirect's rule: only this site's own URLs, else
// the site's admin page.
func (st *Site) safeRedirect(to string) string {
	u, err := url.Parse(to)
	home, herr := url.Parse(st.cfg.SiteURL)
	if err != nil || herr != nil || to == "" || (u.Host != "" && !strings.EqualFold(u.Host, home.Host)) ||
		(u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https") || strings.HasPrefix(to, "//") {
		return st.cfg.SiteURL + "/wp-admin/"
	}
	if u.Host == "" {
		return st.siteOrigin() + "/" + strings.TrimLeft(u.RequestURI(), "/")
	}
	return to
}

// commentStatus is how a refused comment is answered (the statuses
// wp_handle_comment_submission gives its errors; missing fields are 200).
var commentStatus = map[models.Kind]int{
	models.KindForbidden:       http.StatusForbidden,
	models.KindConflict:        http.StatusConflict,
	models.KindTooManyRequests: http.StatusTooManyRequests,
	models.KindNotFound:        http.StatusOK,
	models.KindInvalid:         http.StatusOK,
}

// commentPost is wp-comments-post.php: the comment is stored through the
// same store method as XML-RPC's (moderation, flood and duplicate checks,
// kses for users without unfiltered_html), then the visitor goes to it.
func (st *Site) commentPost(c echo.Context) error {
	r := c.Request()
	ctx := r.Context()
	r.Body = http.MaxBytesReader(c.Response(), r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		return st.commentError(c, http.StatusRequestEntityTooLarge, languages.T(st.locale(c), "The submitted form is too large."), "")
	}
	st.commonHeaders(c)
	viewer := st.sess.User(c)
	postID, _ := strconv.ParseUint(r.PostForm.Get("comment_post_ID"), 10, 64)
	parent, _ := strconv.ParseUint(r.PostForm.Get("comment_parent"), 10, 64)
	in := models.CommentInput{PostID: postID, ParentID: &parent, Client: st.cfg.Client(r)}
	if viewer != nil && models.CanPostUnfilteredHTML(viewer) {
		in.FilterHTML = !st.sess.VerifyNonce(c, "unfiltered-html-comment_"+strconv.FormatUint(postID, 10),
			r.PostForm.Get("_wp_unfiltered_html_comment"))
	}
	for _, f := range []struct {
		name string
		dst  **string
	}{{"comment", &in.Content}, {"author", &in.AuthorName}, {"email", &in.AuthorEmail}, {"url", &in.AuthorURL}} {
		if v, ok := r.PostForm[f.name]; ok {
			s := strings.ToValidUTF8(v[0], "")
			*f.dst = &s
		}
	}
	post, err := st.store.PostByID(ctx, postID)
	if err == nil && !st.store.SiteCanShowPost(post, viewer, true) {
		err = models.ErrPostInvalidID()
	}
	if err == nil && models.PostPasswordRequired(post, st.passCookieValue(c)) {
		err = &models.Error{Kind: models.KindForbidden, Reason: models.ReasonCommentOnProtectedPost}
	}
	var cm *models.Comment
	if err == nil {
		cm, err = st.store.CreateComment(ctx, viewer, in)
	}
	if err != nil {
		status, ok := commentStatus[models.ErrorKind(err)]
		if !ok {
			return st.internalError(c, err)
		}
		back := ""
		if post != nil {
			back = st.postLink(ctx, post, viewer)
		}
		return st.commentError(c, status, errorMessage(st.locale(c), err), back)
	}
	if viewer == nil && r.PostForm.Get("wp-comment-cookies-consent") == "yes" {
		st.rememberCommenter(c, cm)
	}
	link := st.postLink(ctx, post, viewer)
	if cm.Approved != "1" {
		return redirect(c, http.StatusFound, link+"#respond")
	}
	return redirect(c, http.StatusFound, link+"#comment-"+strconv.FormatUint(cm.ID, 10))
}

// errorMessage words a refusal from the pages' table in locale.
func errorMessage(locale string, err error) string {
	if msg, ok := words.Message(locale, err); ok {
		return msg
	}
	return languages.T(locale, "Sorry, the comment could not be saved.")
}

// commentError is WordPress's "Comment Submission Failure" page.
func (st *Site) commentError(c echo.Context, status int, message, back string) error {
	v := st.baseView(c, nil, st.sess.User(c))
	v.DocTitle = st.documentTitle(c.Request().Context(), v.Locale, languages.T(v.Locale, "Comment Submission Failure"), 1)
	v.Heading = template.HTML(template.HTMLEscapeString(languages.T(v.Locale, "Comment Submission Failure")))
	v.HeadingNote = template.HTML("<p>" + message + "</p>")
	v.Pagination.Newer = back
	noCache(c)
	return st.write(c, status, "message.html", v)
}

// rememberCommenter sets WordPress's commenter cookies (a year), as
// wp_set_comment_cookies does when the visitor agreed to it.
func (st *Site) rememberCommenter(c echo.Context, cm *models.Comment) {
	hash := strings.TrimPrefix(st.passCookie, "wp-postpass_")
	exp := st.store.Now().Add(365 * 24 * time.Hour)
	for name, v := range map[string]string{"comment_author_": cm.AuthorName, "comment_author_email_": cm.AuthorEmail, "comment_author_url_": cm.AuthorURL} {
		c.SetCookie(&http.Cookie{Name: name + hash, Value: url.QueryEscape(v), Path: "/", Expires: exp, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	}
}
