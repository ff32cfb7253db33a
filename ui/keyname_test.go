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

// TestNewDefaultsGiveWay: a config written before roles and editor had
// keys still works: a key it gives another action is taken from them,
// and only from them; when they set it themselves, a clash is refused.
func TestNewDefaultsGiveWay(t *testing.T) {
	k, err := DefaultKeyMap().ApplyKeys(map[string][]string{"stop": {"ctrl+x"}, "new": {"ctrl+r", "ctrl+n"}})
	if err != nil {
		t.Fatalf("an old config was refused: %v", err)
	}
	if k.Editor.Enabled() || k.Roles.Enabled() || k.Stop.Keys()[0] != "ctrl+x" || len(k.New.Keys()) != 2 {
		t.Errorf("editor %v %q, roles %v %q, stop %q, new %q", k.Editor.Enabled(), k.Editor.Keys(),
			k.Roles.Enabled(), k.Roles.Keys(), k.Stop.Keys(), k.New.Keys())
	}
	if _, err := DefaultKeyMap().ApplyKeys(map[string][]string{"stop": {"ctrl+x"}, "editor": {"ctrl+x"}}); err == nil {
		t.Error("stop and editor both on ctrl+x were accepted")
	}
	k, err = DefaultKeyMap().ApplyKeys(map[string][]string{"editor": {"f4"}, "roles": {"f5"}})
	if err != nil || k.Editor.Help().Key != "f4" || k.Roles.Help().Key != "f5" {
		t.Errorf("rebinding the new actions: %v, %q %q", err, k.Editor.Help().Key, k.Roles.Help().Key)
	}
}
