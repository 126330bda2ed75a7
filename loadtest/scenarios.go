package loadtest

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
)

func xmlrpcCall(method string, params ...string) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><methodCall><methodName>` + method + `</methodName><params>`)
	for _, p := range params {
		b.WriteString("<param><value><string>" + p + "</string></value></param>")
	}
	b.WriteString("</params></methodCall>")
	return []byte(b.String())
}

// scenariosFor lists the table's scenarios, A to F.
func scenariosFor(c Credentials) []scenario {
	basic := "Basic " + base64.StdEncoding.EncodeToString([]byte(c.Login+":"+c.AppPassword))
	xml := http.Header{"Content-Type": {"text/xml"}}
	return []scenario{
		{"A", "users/me, Basic application password", []request{{Method: "GET", Path: "/wp-json/wp/v2/users/me",
			Header: http.Header{"Authorization": {basic}}, Expect: 200, Contains: []byte(`"slug":"admin"`)}}},
		{"B", "XML-RPC wp.getUsers, application password", []request{{Method: "POST", Path: "/xmlrpc.php", Header: xml,
			Body: xmlrpcCall("wp.getUsers", "1", c.Login, c.AppPassword), Expect: 200, Contains: []byte("<name>user_id</name>")}}},
		{"C", "GET posts, anonymous", []request{{Method: "GET", Path: "/wp-json/wp/v2/posts", Expect: 200, Contains: []byte(`"id"`)}}},
		{"D", "XML-RPC wp.getProfile, main password", []request{{Method: "POST", Path: "/xmlrpc.php", Header: xml,
			Body: xmlrpcCall("wp.getProfile", "1", c.Login, c.MainPassword), Expect: 200, Contains: []byte("<name>username</name>")}}},
		{"E", "the RSS feed, anonymous", []request{{Method: "GET", Path: "/feed/", Expect: 200, Contains: []byte("<item>")}}},
		{"F", "the posts sitemap, anonymous", []request{{Method: "GET", Path: "/wp-sitemap-posts-post-1.xml", Expect: 200, Contains: []byte("<url><loc>")}}},
	}
}

// mixedTraffic interleaves valid requests from one address with guessing
// from others (X-Forwarded-For through the trusted loopback proxy): the
// guessers get locked out by design; valid requests must never fail.
func mixedTraffic(c Credentials) []request {
	var reqs []request
	for _, sc := range scenariosFor(c) {
		for _, r := range sc.Requests {
			r.Header = r.Header.Clone()
			if r.Header == nil {
				r.Header = http.Header{}
			}
			r.Header.Set("X-Forwarded-For", "198.51.100.10")
			// The guessers below also lock the account's MAIN password (by
			// design: see the throttling policy); application passwords
			// stay unaffected.
			r.RefusedBody = []byte("<int>429</int>")
			reqs = append(reqs, r)
		}
	}
	refused := func(status int) bool { return status == 401 || status == 429 }
	for i := 0; i < 4; i++ {
		ip := fmt.Sprintf("203.0.113.%d", i+1)
		bad := "Basic " + base64.StdEncoding.EncodeToString([]byte(c.Login+":wrong-password-"+fmt.Sprint(i)))
		reqs = append(reqs,
			request{Method: "GET", Path: "/wp-json/wp/v2/users/me", Header: http.Header{"Authorization": {bad}, "X-Forwarded-For": {ip}},
				Expect: 401, Refused: refused},
			request{Method: "POST", Path: "/xmlrpc.php", Header: http.Header{"Content-Type": {"text/xml"}, "X-Forwarded-For": {ip}},
				Body: xmlrpcCall("wp.getUsers", "1", c.Login, "nope"), Expect: 200, Contains: []byte("faultCode")})
	}
	return reqs
}

// filterScenarios keeps the scenarios named in sel ("A,d": any case).
func filterScenarios(all []scenario, sel string) []scenario {
	var out []scenario
	for _, s := range all {
		if strings.Contains(","+strings.ToUpper(sel)+",", ","+s.Name+",") {
			out = append(out, s)
		}
	}
	return out
}
