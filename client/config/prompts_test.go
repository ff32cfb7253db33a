package config

import (
	"strings"
	"testing"
)

const promptsFile = `
model = "m"
system = "file system"

[prompts]
reviewer = "You are a strict code reviewer."
"plain english" = "Answer in plain English."
empty = ""
`

// TestRole: --role takes its system prompt from [prompts] and wins over
// the file's system key; without it, --system and then the file's key
// apply, as before.
func TestRole(t *testing.T) {
	f := load(t, promptsFile)
	cases := []struct {
		name         string
		fl           Flags
		system, role string
		chosen       bool
	}{
		{"no flag", Flags{}, "file system", "", false},
		{"--system", Flags{System: "flag system"}, "flag system", "", true},
		{"--role", Flags{Role: "reviewer"}, "You are a strict code reviewer.", "reviewer", true},
		{"quoted name", Flags{Role: "plain english"}, "Answer in plain English.", "plain english", true},
		{"empty prompt", Flags{Role: "empty"}, "", "empty", true},
	}
	for _, c := range cases {
		s, err := Resolve(f, envOf(nil), c.fl)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if s.System != c.system || s.Role != c.role || s.SystemChosen != c.chosen {
			t.Errorf("%s: system %q role %q chosen %v, want %q %q %v", c.name, s.System, s.Role, s.SystemChosen, c.system, c.role, c.chosen)
		}
		if len(s.Prompts) != 3 || s.Prompts["reviewer"] != "You are a strict code reviewer." {
			t.Errorf("%s: prompts %q", c.name, s.Prompts)
		}
	}
}

// TestRoleErrors: one sentence each; an unknown role lists the names
// there are, so the user can pick one.
func TestRoleErrors(t *testing.T) {
	f := load(t, promptsFile)
	cases := []struct {
		name string
		f    File
		fl   Flags
		want []string
	}{
		{"both flags", f, Flags{Role: "reviewer", System: "x"}, []string{"--role and --system can't be used together"}},
		{"unknown", f, Flags{Role: "critic"}, []string{`unknown role "critic"`, `"empty", "plain english", "reviewer"`}},
		{"no table", load(t, "model = \"m\"\n"), Flags{Role: "critic"}, []string{`unknown role "critic"`, "no [prompts] table"}},
	}
	for _, c := range cases {
		_, err := Resolve(c.f, envOf(nil), c.fl)
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) || strings.Contains(err.Error(), "\n") {
				t.Errorf("%s: error %q, want one line with %q", c.name, err, w)
			}
		}
	}
}

// TestBadPrompts: a prompt that is not a string, or a [prompts] that is
// not a table, names the file and the line like any other mistake.
func TestBadPrompts(t *testing.T) {
	cases := []struct {
		name, text string
		want       string
	}{
		{"number", "model = \"m\"\n[prompts]\nok = \"fine\"\nbad = 3\n", `line 4: "prompts.bad" must be a string, not a number`},
		{"table", "[prompts.reviewer]\ntext = \"x\"\n", `line 1: "prompts.reviewer" must be a string, not a table`},
		{"list", "[prompts]\nreviewer = [\"a\"]\n", `line 2: "prompts.reviewer" must be a string, not a list`},
		{"not a table", "model = \"m\"\nprompts = \"You review.\"\n", `line 2: "prompts" must be a table, such as [prompts], not a string`},
		{"keys not a table", "keys = [\"ctrl+s\"]\n", `line 1: "keys" must be a table, such as [keys], not a list`},
	}
	for _, c := range cases {
		path := writeFile(t, c.text)
		_, err := Load(path, true)
		if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
}
