package rest

import (
	"github.com/presspass/presspass/models"
	"github.com/presspass/presspass/models/wptext"
)

// textOptions are the site settings wptext's filter chains read: the
// use_smilies option, the site's address and the theme's layout settings.
func (s *Server) textOptions(r *Request) wptext.Options {
	return wptext.Options{
		Smilies: wptext.UseSmilies(s.store.Option(r.Ctx(), "use_smilies")),
		HomeURL: r.SiteURL(),
		Layout:  wptext.ThemeLayout(models.BlockLayout),
	}
}
