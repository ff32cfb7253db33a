package ui

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// keyModifiers are the modifiers a [keys] binding may name, in the order
// Bubble Tea writes them. meta, hyper and super exist in the protocol, but
// hardly any terminal reports them, so a binding that needs one would
// silently never fire.
var keyModifiers = []string{"ctrl", "alt", "shift"}

// namedKeys are the keys with names, as Bubble Tea spells them.
var namedKeys = map[string]bool{
	"enter": true, "tab": true, "backspace": true, "esc": true, "space": true,
	"up": true, "down": true, "left": true, "right": true, "home": true, "end": true,
	"pgup": true, "pgdown": true, "insert": true, "delete": true, "begin": true,
	"find": true, "select": true, "menu": true, "pause": true, "printscreen": true,
}

// checkKeyName returns why name is not a key Bubble Tea can report, or "".
// A name is modifiers joined by "+" (each at most once, in the order
// ctrl, alt, shift) and then one key: a named one, f1 to f63, or a single
// character.
func checkKeyName(name string) string {
	mods, base := splitKeyName(name)
	next := 0
	for _, mod := range mods {
		i := indexOf(keyModifiers, mod)
		switch {
		case i < 0 && (mod == "meta" || mod == "hyper" || mod == "super"):
			return fmt.Sprintf("%q uses %s, which terminals do not report; use ctrl, alt or shift", name, mod)
		case i < 0:
			return fmt.Sprintf("%q has an unknown modifier %q; use ctrl, alt or shift", name, mod)
		case i < next:
			return fmt.Sprintf("%q lists its modifiers out of order; write them as ctrl+alt+shift+KEY", name)
		}
		next = i + 1
	}
	switch {
	case namedKeys[base]:
		return ""
	case strings.HasPrefix(base, "f"):
		if n, err := strconv.Atoi(base[1:]); err == nil && n >= 1 && n <= 63 {
			return ""
		}
	case utf8.RuneCountInString(base) == 1 && base != " ":
		if len(mods) > 0 && strings.ToLower(base) != base {
			return fmt.Sprintf("%q: write the letter in lower case after a modifier (%s)", name,
				strings.Join(append(mods, strings.ToLower(base)), "+"))
		}
		return ""
	}
	return fmt.Sprintf("%q is not a key name (keys are like enter, esc, ctrl+s, alt+enter, f5, pgup)", name)
}

// splitKeyName splits "ctrl+alt+x" into its modifiers and its key; the
// plus key itself is written "+" or "ctrl++".
func splitKeyName(name string) (mods []string, base string) {
	if name == "+" {
		return nil, "+"
	}
	if rest, ok := strings.CutSuffix(name, "++"); ok {
		return strings.Split(rest, "+"), "+"
	}
	parts := strings.Split(name, "+")
	return parts[:len(parts)-1], parts[len(parts)-1]
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}
