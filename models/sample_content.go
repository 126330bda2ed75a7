package models

import (
	"context"
	"strconv"

	"gorm.io/gorm"
)

// A fresh WordPress site is not empty: its installer writes a first post
// with a first comment, a sample page and a draft privacy policy, with ids
// 1, 2 and 3. Examples everywhere (WordPress's handbooks, our README) take
// post 1 for granted, so a fresh PressPass site has them too. The ids are
// given, not left to AUTO_INCREMENT: a Galera node hands out ids with its
// own offset and step.
const (
	samplePostID          = 1
	samplePageID          = 2
	samplePrivacyPageID   = 3
	sampleCommentID       = 1
	privacyPolicyPageName = "wp_page_for_privacy_policy"
)

// The sample texts as WordPress's installer writes them (block markup),
// except the privacy policy, which is a short one of PressPass's own.
const (
	samplePostContent = "<!-- wp:paragraph -->\n<p>Welcome to WordPress. This is your first post. Edit or delete it, then start writing!</p>\n<!-- /wp:paragraph -->"

	sampleCommentContent = "Hi, this is a comment.\nTo get started with moderating, editing, and deleting comments, please visit the Comments screen in the dashboard.\n" +
		"Commenter avatars come from <a href=\"https://gravatar.com/\">Gravatar</a>."

	samplePageContentHead = "<!-- wp:paragraph -->\n<p>This is an example page. It's different from a blog post because it will stay in one place and will show up in your site navigation (in most themes). " +
		"Most people start with an About page that introduces them to potential site visitors. It might say something like this:</p>\n<!-- /wp:paragraph -->\n\n" +
		"<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\">\n<!-- wp:paragraph -->\n<p>Hi there! I'm a bike messenger by day, aspiring actor by night, and this is my website. " +
		"I live in Los Angeles, have a great dog named Jack, and I like pi&#241;a coladas. (And gettin' caught in the rain.)</p>\n<!-- /wp:paragraph -->\n</blockquote>\n<!-- /wp:quote -->\n\n" +
		"<!-- wp:paragraph -->\n<p>...or something like this:</p>\n<!-- /wp:paragraph -->\n\n" +
		"<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\">\n<!-- wp:paragraph -->\n<p>The XYZ Doohickey Company was founded in 1971, and has been providing quality doohickeys to the public ever since. " +
		"Located in Gotham City, XYZ employs over 2,000 people and does all kinds of awesome things for the Gotham community.</p>\n<!-- /wp:paragraph -->\n</blockquote>\n<!-- /wp:quote -->\n\n" +
		"<!-- wp:paragraph -->\n<p>As a new WordPress user, you should go to <a href=\""
	samplePageContentTail = "\">your dashboard</a> to delete this page and create new pages for your content. Have fun!</p>\n<!-- /wp:paragraph -->"

	samplePrivacyPolicyContent = "<!-- wp:heading -->\n<h2 class=\"wp-block-heading\">Who we are</h2>\n<!-- /wp:heading -->\n\n" +
		"<!-- wp:paragraph -->\n<p>This site runs on PressPass. Replace this draft with your own policy before you publish it.</p>\n<!-- /wp:paragraph -->\n\n" +
		"<!-- wp:heading -->\n<h2 class=\"wp-block-heading\">What the site keeps</h2>\n<!-- /wp:heading -->\n\n" +
		"<!-- wp:paragraph -->\n<p>When you leave a comment, the site keeps the name, e-mail address and website you enter, the comment itself, your IP address and your browser's user agent, " +
		"to show the comment and to fight spam. Registered users' profiles and the applications they allow to sign in for them (application passwords, with when and from which address each was last used) " +
		"are kept until the user or an administrator deletes them. Logs of requests name addresses, never passwords.</p>\n<!-- /wp:paragraph -->\n\n" +
		"<!-- wp:heading -->\n<h2 class=\"wp-block-heading\">Cookies</h2>\n<!-- /wp:heading -->\n\n" +
		"<!-- wp:paragraph -->\n<p>Logging in sets a session cookie; nothing on this site tracks you across other sites.</p>\n<!-- /wp:paragraph -->\n\n" +
		"<!-- wp:heading -->\n<h2 class=\"wp-block-heading\">Your rights</h2>\n<!-- /wp:heading -->\n\n" +
		"<!-- wp:paragraph -->\n<p>Ask the site's administrator for a copy of what the site keeps about you, or to have it erased.</p>\n<!-- /wp:paragraph -->"
)

// createSampleContent writes the sample post, comment and pages of a fresh
// site for its first administrator, in one transaction.
func (s *Store) createSampleContent(ctx context.Context, admin *User) error {
	nowGMT := s.now()
	nowLocal := s.GMTToLocal(ctx, nowGMT)
	page := func(id uint64, typ, status, title, slug, content string) *Post {
		p := &Post{ID: id, AuthorID: admin.ID, Type: typ, Status: status, Title: title, Slug: slug, Content: content,
			Date: nowLocal, DateGMT: nowGMT, Modified: nowLocal, ModifiedGMT: nowGMT,
			CommentStatus: "closed", PingStatus: "open"}
		p.GUID = s.HomeURL("/?page_id=" + strconv.FormatUint(id, 10))
		return p
	}
	post := page(samplePostID, "post", "publish", "Hello world!", "hello-world", samplePostContent)
	post.CommentStatus, post.PingStatus = s.Option(ctx, "default_comment_status"), s.Option(ctx, "default_ping_status")
	post.GUID = s.HomeURL("/?p=" + strconv.Itoa(samplePostID))
	posts := []*Post{
		post,
		page(samplePageID, "page", "publish", "Sample Page", "sample-page", samplePageContentHead+s.HomeURL("/wp-admin/")+samplePageContentTail),
		page(samplePrivacyPageID, "page", "draft", "Privacy Policy", "privacy-policy", samplePrivacyPolicyContent),
	}
	comment := &Comment{ID: sampleCommentID, PostID: samplePostID, AuthorName: "A WordPress Commenter",
		AuthorEmail: "wapuu@wordpress.example", AuthorURL: "https://wordpress.org/",
		Date: nowLocal, DateGMT: nowGMT, Content: sampleCommentContent, Approved: "1", Type: "comment"}
	return s.InTx(ctx, func(tx *Store) error {
		err := tx.transaction(ctx, func(db *gorm.DB) error {
			for _, p := range posts {
				if err := db.Create(p).Error; err != nil {
					return err
				}
				if err := tx.fileUnderDefaultCategory(db, p); err != nil {
					return err
				}
			}
			if err := db.Create(comment).Error; err != nil {
				return err
			}
			return updateCommentCount(db, samplePostID)
		})
		if err != nil {
			return AsError(err)
		}
		return tx.SetOption(ctx, privacyPolicyPageName, strconv.Itoa(samplePrivacyPageID))
	})
}
