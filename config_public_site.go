package main

import (
	"fmt"
	"os"
)

// The public site (posts, pages, feeds, sitemaps, embeds at the links the
// API hands out) is on unless --public-site=off, for headless setups with a
// front end of their own; --templates-dir replaces its built-in templates.
// --outbound=off stops every request to other sites: pingback.ping stays
// off whatever --pingback says, and the oEmbed proxy answers only this
// site's links.

// loadPublicSite reads --public-site, --templates-dir and --outbound.
func loadPublicSite(a *args, c *config) error {
	var err error
	if c.PublicSite, err = onOff(a, "public-site"); err != nil {
		return err
	}
	if c.Outbound, err = onOff(a, "outbound"); err != nil {
		return err
	}
	c.TemplatesDir = a.setting("templates-dir")
	if c.TemplatesDir != "" {
		if fi, err := os.Stat(c.TemplatesDir); err != nil || !fi.IsDir() {
			return fmt.Errorf("--templates-dir %q: not a folder", c.TemplatesDir)
		}
	}
	return nil
}

// onOff reads an on|off switch.
func onOff(a *args, flag string) (bool, error) {
	switch v := a.setting(flag); v {
	case "on", "true", "1":
		return true, nil
	case "off", "false", "0":
		return false, nil
	default:
		return false, fmt.Errorf("--%s %q: want on or off", flag, v)
	}
}
