package convlist

import (
	"fmt"
	"strings"
	"time"
)

// describe is a row's second line: when the conversation was last
// updated, how long it is and which models wrote in it.
func describe(it item, now time.Time) string {
	parts := make([]string, 0, 3)
	if !it.updated.IsZero() {
		parts = append(parts, Age(it.updated, now))
	}
	if it.count == 1 {
		parts = append(parts, "1 message")
	} else {
		parts = append(parts, fmt.Sprintf("%d messages", it.count))
	}
	if it.models != "" {
		parts = append(parts, it.models)
	}
	return strings.Join(parts, " · ")
}

// Age says how long ago t was while that is easy to read ("5m ago",
// "3d ago") and gives a short date after a week. Times in the future, as a
// skewed clock can produce, read as "just now". The search dialog dates
// its hits with it too, so that both read alike.
func Age(t, now time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%dm ago", int(d/time.Minute))
	case d < 24*time.Hour:
		return fmt.Sprintf("%dh ago", int(d/time.Hour))
	case d < 7*24*time.Hour:
		return fmt.Sprintf("%dd ago", int(d/(24*time.Hour)))
	}
	t = t.In(now.Location())
	if t.Year() == now.Year() {
		return t.Format("Jan 2")
	}
	return t.Format("Jan 2 2006")
}
