// Package e2e drives the browser pages end to end in headless Chromium,
// with the REST API mounted beside them as the composition root does, the
// way a person and an application would use them. It holds only tests; it
// lives apart from package handlers so that handlers itself never imports
// the REST adapter, not even in its tests.
package e2e
