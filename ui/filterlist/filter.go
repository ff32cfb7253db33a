package filterlist

import (
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/client/sanitize"
)

// maxFilterRunes bounds the filter so that a huge paste cannot make every
// later keystroke slow: matching costs items × filter length.
const maxFilterRunes = 128

// matches reports whether every term occurs in fold, so "gpt 4" finds
// "gpt-4-turbo" whatever the order of the words.
func matches(fold string, terms []string) bool {
	for _, t := range terms {
		if !strings.Contains(fold, t) {
			return false
		}
	}
	return true
}

// filterTerms splits a filter into lower-cased words.
func filterTerms(filter string) []string {
	return strings.Fields(strings.ToLower(filter))
}

// appendFilter adds text to a filter, made safe for display and capped.
func appendFilter(filter, text string) string {
	filter += sanitize.Line(text)
	if utf8.RuneCountInString(filter) <= maxFilterRunes {
		return filter
	}
	return string([]rune(filter)[:maxFilterRunes])
}

// dropLastRune removes the last character typed.
func dropLastRune(filter string) string {
	_, size := utf8.DecodeLastRuneInString(filter)
	return filter[:len(filter)-size]
}

// TypedText returns the printable text of a key press, or "" for keys that
// type nothing or carry a modifier that makes them commands. Owners that
// edit text of their own in the dialog, such as a new title, use it too.
func TypedText(msg tea.KeyPressMsg) string {
	if msg.Mod.Contains(tea.ModCtrl) || msg.Mod.Contains(tea.ModAlt) || msg.Mod.Contains(tea.ModSuper) {
		return ""
	}
	if msg.String() == "space" {
		return " "
	}
	return msg.Text
}
