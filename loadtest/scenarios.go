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

// scenariosFor lists the table's scenarios, A to H.
func scenariosFor(c Credentials) []scenario {
	basic := "Basic " + base64.StdEncoding.EncodeToString([]byte(c.Login+":"+c.AppPassword))
	xml := http.Header{"Content-Type": {"text/xml"}}
	// A draft (REST's default status) needs no unique slug, so the
	// thousands of posts a run writes cost each write the same.
	write := request{Method: "POST", Path: "/wp-json/wp/v2/posts",
		Header: http.Header{"Authorization": {basic}, "Content-Type": {"application/json"}},
		Body:   []byte(`{"title":"Load test write","content":"<p>Written by the load test.</p>"}`), Expect: 201, Contains: []byte(`"id"`)}
	post := fmt.Sprint(c.PostID)
	return []scenario{
		{Name: "A", Description: "users/me, Basic application password", Requests: []request{{Method: "GET", Path: "/wp-json/wp/v2/users/me",
			Header: http.Header{"Authorization": {basic}}, Expect: 200, Contains: []byte(`"slug":"admin"`)}}},
		{Name: "B", Description: "XML-RPC wp.getUsers, application password", Requests: []request{{Method: "POST", Path: "/xmlrpc.php", Header: xml,
			Body: xmlrpcCall("wp.getUsers", "1", c.Login, c.AppPassword), Expect: 200, Contains: []byte("<name>user_id</name>")}}},
		{Name: "C", Description: "GET posts, anonymous", Requests: []request{{Method: "GET", Path: "/wp-json/wp/v2/posts", Expect: 200, Contains: []byte(`"id"`)}}},
		{Name: "D", Description: "XML-RPC wp.getProfile, main password", Requests: []request{{Method: "POST", Path: "/xmlrpc.php", Header: xml,
			Body: xmlrpcCall("wp.getProfile", "1", c.Login, c.MainPassword), Expect: 200, Contains: []byte("<name>username</name>")}}},
		{Name: "E", Description: "the RSS feed, anonymous", Requests: []request{{Method: "GET", Path: "/feed/", Expect: 200, Contains: []byte("<item>")}}},
		{Name: "F", Description: "the posts sitemap, anonymous", Requests: []request{{Method: "GET", Path: "/wp-sitemap-posts-post-1.xml", Expect: 200, Contains: []byte("<url><loc>")}}},
		// Writers queue for SQLite's one writer: the rows show whether
		// more of them get as much done as one.
		{Name: "G", Description: "POST posts, application password", Requests: []request{write}, Connections: []int{1, 8, 32}},
		// Every write moves the content epoch, so each read renders the post
		// afresh; the reads must not queue behind the writers.
		{Name: "H", Description: "GET one post, anonymous, while 8 connections write",
			Requests:   []request{{Method: "GET", Path: "/wp-json/wp/v2/posts/" + post, Expect: 200, Contains: []byte(`"id":` + post + `,`)}},
			Background: []request{write}, BackgroundConnections: 8},
	}
}

// mixedTraffic interleaves valid requests from one address with guessing
// from others (X-Forwarded-For through the trusted loopback proxy): the
// guessers get locked out by design; valid requests must never fail.
func mixedTraffic(c Credentials) []request {
	var reqs []request
	for _, sc := range scenariosFor(c) {
		if sc.Connections != nil || sc.Background != nil {
			continue // the writing scenarios measure a load of their own
		}
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
