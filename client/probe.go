package client

import (
	"context"
	"errors"
	"net/http"
	"net/url"
)

// Probe checks that the provider's server answers at all, cheaply: a HEAD
// request for the root of its host, through the same transport (and
// proxy) as every request, with no key and no path. Any answer, whatever
// its status, will do; a redirect is not followed. It returns nil when an
// answer came, else the failure as one sentence naming the host (an
// *Error of KindNetwork or KindTimeout, as a request would fail). ctx
// bounds the wait: the caller chooses how long is too long.
func (c *Client) Probe(ctx context.Context) error {
	u, err := url.Parse(c.provider.BaseURL)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return c.newError(KindBadBody, nil, "the base URL %s is not an http(s) URL", PublicBaseURL(c.provider.BaseURL))
	}
	root := url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/"}
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, root.String(), nil)
	if err != nil {
		return c.newError(KindBadBody, nil, "%v", err)
	}
	if ua := c.provider.UserAgent; ua != "" {
		req.Header.Set("User-Agent", ua)
	}
	rt := c.http.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	resp, err := rt.RoundTrip(req)
	if err != nil {
		if errors.Is(ctx.Err(), context.Canceled) {
			return c.ctxError(ctx)
		}
		return c.networkError(err, "")
	}
	resp.Body.Close()
	return nil
}
