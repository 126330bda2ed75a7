package xmlrpc

import (
	"html"
	"net/http"
	"strings"
)

// serveRSD writes the Really Simple Discovery document that blog clients
// (Open Live Writer, MarsEdit) fetch to find the API endpoints, in
// WordPress's exact layout.
func (srv *Server) serveRSD(w http.ResponseWriter, r *http.Request) {
	home := html.EscapeString(srv.cfg.SiteURL)
	api := home + "/xmlrpc.php"
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rsd version="1.0" xmlns="http://archipelago.phrasewise.com/rsd">` + "\n")
	b.WriteString("\t<service>\n\t\t<engineName>WordPress</engineName>\n\t\t<engineLink>https://wordpress.org/</engineLink>\n")
	b.WriteString("\t\t<homePageLink>" + home + "</homePageLink>\n\t\t<apis>\n")
	for _, name := range []string{"WordPress", "Movable Type", "MetaWeblog", "Blogger"} {
		preferred := "false"
		if name == "WordPress" {
			preferred = "true"
		}
		b.WriteString("\t\t\t<api name=\"" + name + "\" blogID=\"1\" preferred=\"" + preferred + "\" apiLink=\"" + api + "\" />\n")
	}
	b.WriteString("\t\t\t\t<api name=\"WP-API\" blogID=\"1\" preferred=\"false\" apiLink=\"" + home + "/wp-json/\" />\n")
	b.WriteString("\t\t\t</apis>\n\t</service>\n</rsd>\n\t")
	writeXML(w, http.StatusOK, []byte(b.String()))
}
