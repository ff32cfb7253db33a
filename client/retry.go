package client

import (
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// backoff returns the wait before the retry that follows attempt n:
// exponential with jitter, or the server's Retry-After when it asked for
// longer (heedRetryAfter has already refused a wait past the cap).
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

// maxRetryAfter bounds a parsed Retry-After so that the time it names
// can still be computed; no server means a wait of decades.
const maxRetryAfter = 10 * 365 * 24 * time.Hour

// parseRetryAfter reads a Retry-After header: delay-seconds or an HTTP
// date. Anything else, and a time already past, is no wait at all.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseFloat(v, 64); err == nil {
		if !(secs > 0) || math.IsInf(secs, 1) { // also false for NaN
			return 0
		}
		return time.Duration(min(secs, maxRetryAfter.Seconds()) * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return min(t.Sub(now), maxRetryAfter)
	}
	return 0
}

// heedRetryAfter records the server's requested wait on e and reports
// whether the request may still be retried: a wait longer than
// RetryAfterMax is not made, and the sentence says when to come back.
func (c *Client) heedRetryAfter(e *Error, header string, retryable bool, now time.Time) bool {
	e.RetryAfter = parseRetryAfter(header, now)
	limit := c.opts.RetryAfterMax
	if !retryable || limit <= 0 || e.RetryAfter <= limit {
		return retryable
	}
	e.Message = fmt.Sprintf("%s The server asked to retry in %s (at %s); not retrying.",
		e.Message, waitWords(e.RetryAfter), comeBackAt(now, now.Add(e.RetryAfter)))
	return false
}

// waitWords says a wait in the largest unit that keeps it readable.
func waitWords(d time.Duration) string {
	switch {
	case d < 90*time.Second:
		return fmt.Sprintf("%d s", int(math.Ceil(d.Seconds())))
	case d < 90*time.Minute:
		return fmt.Sprintf("%d min", int(math.Round(d.Minutes())))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h", int(math.Round(d.Hours())))
	}
	return fmt.Sprintf("%d days", int(math.Round(d.Hours()/24)))
}

// comeBackAt names the time at in UTC, with as much of the date as it
// takes to tell it apart from now.
func comeBackAt(now, at time.Time) string {
	now, at = now.UTC(), at.UTC()
	switch {
	case at.YearDay() == now.YearDay() && at.Year() == now.Year():
		return at.Format("15:04 UTC")
	case at.Sub(now) < 300*24*time.Hour:
		return at.Format("Jan 2 15:04 UTC")
	}
	return at.Format("2006-01-02 15:04 UTC")
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
