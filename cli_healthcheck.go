package main

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"time"
)

// cmdHealthcheck asks the local server's /readyz, for container health checks
// on images that have no curl. Exit status 0 when ready.
func cmdHealthcheck(ctx context.Context, raw []string) error {
	a, err := parseArgs(raw, flagSpec{})
	if err != nil {
		return err
	}
	addr := a.setting("addr")
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--addr %q: %v", addr, err)
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	scheme := "http"
	if a.setting("tls-cert") != "" {
		scheme = "https"
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, scheme+"://"+net.JoinHostPort(host, port)+"/readyz", nil)
	if err != nil {
		return err
	}
	client := &http.Client{Transport: insecureLocalTransport()}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("not ready: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("not ready: %s", resp.Status)
	}
	return nil
}

// insecureLocalTransport skips certificate checks: the health check talks to
// its own process on the loopback address, whose certificate names the public
// host instead.
func insecureLocalTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.TLSClientConfig = &tls.Config{InsecureSkipVerify: true} //nolint:gosec // loopback self-check only
	return t
}
