package main

import (
	"fmt"

	"github.com/presspass/presspass/outbound"
	"github.com/presspass/presspass/xmlrpc"
)

// pingback.ping makes the server fetch pages that anonymous callers name,
// so it is off unless --pingback=on (PRESSPASS_PINGBACK) enables it.

// loadPingback reads --pingback on|off.
func loadPingback(a *args) (bool, error) {
	switch v := a.setting("pingback"); v {
	case "on", "true", "1":
		return true, nil
	case "off", "false", "0":
		return false, nil
	default:
		return false, fmt.Errorf("--pingback %q: want on or off", v)
	}
}

// newFetcher is the one guarded fetcher every outbound request goes
// through: 10 s, 150 KB, no redirects, public addresses only; nil while
// --outbound=off.
func newFetcher(c *config) *outbound.Fetcher {
	if !c.Outbound {
		return nil
	}
	return outbound.New(outbound.Options{UserAgent: "PressPass; " + c.SiteURL})
}

// enablePingback registers pingback.ping on the XML-RPC server.
func enablePingback(x *xmlrpc.Server, f *outbound.Fetcher) { x.EnablePingback(f) }
