package client

import (
	"math/rand/v2"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// backoff returns the wait before the retry that follows attempt n:
// exponential with jitter, or the server's Retry-After (capped) when it
// asked for longer.
func (c *Client) backoff(n int, retryAfter time.Duration) time.Duration {
	d := c.opts.BackoffBase << min(n-1, 20)
	if c.opts.BackoffMax > 0 && (d > c.opts.BackoffMax || d <= 0) {
		d = c.opts.BackoffMax
	}
	// Equal jitter: at least half the step, so retries never bunch up at 0.
	if half := d / 2; half > 0 {
		d = half + rand.N(half+1)
	}
	if retryAfter > 0 {
		if c.opts.RetryAfterMax > 0 {
			retryAfter = min(retryAfter, c.opts.RetryAfterMax)
		}
		d = max(d, retryAfter)
	}
	return d
}

// parseRetryAfter reads a Retry-After header: delay-seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseFloat(v, 64); err == nil {
		if secs <= 0 || secs > 86400 {
			return 0
		}
		return time.Duration(secs * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// retryableStatus: 429 (unless the account is out of money), any 5xx, and
// Lockchat's model-missing answer.
func (c *Client) retryableStatus(status int, se serverError) bool {
	switch {
	case status == http.StatusTooManyRequests:
		return !isQuota(se)
	case status >= 500:
		return true
	}
	return c.isModelMissing(se)
}

func isQuota(se serverError) bool {
	return strings.Contains(se.Code, "insufficient_quota") || strings.Contains(se.Message, "insufficient_quota")
}

// modelMissing matches Lockchat's "The model: `gpt-4` does not exist".
var modelMissing = regexp.MustCompile("(?i)the model:?\\s*`?[^`]*`?\\s*does not exist")

// isModelMissing reports Lockchat's transient answer, retried only for
// providers whose upstream pool rotates keys per request.
func (c *Client) isModelMissing(se serverError) bool {
	return c.provider.RetryModelMissing && modelMissing.MatchString(se.Message)
}
