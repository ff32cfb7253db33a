package ui

import (
	"errors"
	"strings"
	"testing"
)

func TestKeyNames(t *testing.T) {
	for _, good := range []string{"enter", "ctrl+s", "alt+enter", "shift+enter", "ctrl+alt+shift+x", "f5", "f63",
		"pgup", "ctrl+home", "?", "é", "+", "ctrl++", "space", "tab", "esc"} {
		if why := checkKeyName(good); why != "" {
			t.Errorf("%q refused: %s", good, why)
		}
	}
	for bad, want := range map[string]string{
		"ctrl+enterr":   "not a key name",
		"hyper+q":       "terminals do not report",
		"cmd+q":         "unknown modifier",
		"shift+ctrl+a":  "out of order",
		"ctrl+S":        "lower case",
		"f64":           "not a key name",
		"":              "not a key name",
		"ctrl+ctrl+a":   "out of order",
		"return":        "not a key name",
		"ctrl+pageup":   "not a key name",
		"alt+backspac":  "not a key name",
		"ctrl+alt+nope": "not a key name",
	} {
		if why := checkKeyName(bad); !strings.Contains(why, want) {
			t.Errorf("%q: got %q, want it to say %q", bad, why, want)
		}
	}
}

func TestApplyKeysRefusesWhatCouldNeverWork(t *testing.T) {
	for name, tc := range map[string]struct {
		keys   map[string][]string
		action string
		want   string
	}{
		"unknown action": {map[string][]string{"sned": {"enter"}}, "sned", `unknown action "sned"; the actions are bottom, `},
		"bad key":        {map[string][]string{"send": {"ctrl+enterr"}}, "send", `[keys] send: "ctrl+enterr" is not a key name`},
		"no way out":     {map[string][]string{"quit": {}, "stop": {}}, "quit", "no way to quit"},
		"clash":          {map[string][]string{"send": {"ctrl+s"}}, "send", "ctrl+s is bound to both"},
	} {
		_, err := DefaultKeyMap().ApplyKeys(tc.keys)
		var ke *KeyError
		if !errors.As(err, &ke) || ke.Action != tc.action || !strings.Contains(ke.Msg, tc.want) {
			t.Errorf("%s: got %v (%#v), want action %s and %q", name, err, ke, tc.action, tc.want)
		}
	}
	k, err := DefaultKeyMap().ApplyKeys(map[string][]string{"send": {"ctrl+s"}, "export": {}})
	if err != nil || !k.Send.Enabled() || k.Export.Enabled() || k.Send.Keys()[0] != "ctrl+s" {
		t.Errorf("a rebinding that frees its key was refused or misapplied: %v", err)
	}
	if _, err := DefaultKeyMap().ApplyKeys(map[string][]string{"stop": {}}); err != nil {
		t.Errorf("turning off stop (ctrl+c still stops) was refused: %v", err)
	}
}
