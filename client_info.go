package main

import (
	"net"
	"net/http"
	"strings"

	"github.com/presspass/presspass/models"
)

// clientInfo tells the domain layer who is calling: the client address and
// whether the request came over HTTPS. X-Forwarded-For and
// X-Forwarded-Proto are believed only from the configured trusted proxies;
// otherwise any client could claim to be local or secure.
func (c *config) clientInfo(r *http.Request) models.ClientInfo {
	info := models.DirectClient(r.RemoteAddr, r.UserAgent(), r.TLS != nil)
	if !c.trusted(net.ParseIP(info.IP)) {
		return info
	}
	if strings.EqualFold(strings.TrimSpace(firstComma(r.Header.Get("X-Forwarded-Proto"))), "https") {
		info.Secure = true
	}
	// Walk X-Forwarded-For from the right: the first address that is not one
	// of our proxies is the client.
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		ip := net.ParseIP(strings.TrimSpace(hops[i]))
		if ip == nil {
			break
		}
		info.IP = ip.String()
		if !c.trusted(ip) {
			break
		}
	}
	return info
}

func (c *config) trusted(ip net.IP) bool {
	if ip == nil {
		return false
	}
	for _, n := range c.TrustedProxies {
		if n.Contains(ip) {
			return true
		}
	}
	return false
}

func firstComma(s string) string {
	first, _, _ := strings.Cut(s, ",")
	return first
}
