// Package browser holds the end-to-end tests that open gopar's notebooks in
// real front ends, JupyterLab 3.6 (built from npm under lab/) and the
// classic Notebook 6, in headless Chromium driven by chromedp: what a
// person sees, checked in the rendered page. The tests build with the tag
// browser (make browser, part of make test), and each saves a screenshot
// under build/screenshots/.
package browser
