package config

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// resolveSystem picks the system prompt: --system, else the prompt the
// --role flag names, else the file's system key. Naming both flags, or a
// role the [prompts] table does not have, is an error that lists what
// there is, so nothing is sent with a prompt the user did not mean.
func (s *Settings) resolveSystem(f File, fl Flags) error {
	s.Prompts = f.Prompts
	s.SystemChosen = fl.System != "" || fl.Role != ""
	if fl.Role == "" {
		s.System = first(fl.System, f.System)
		return nil
	}
	if fl.System != "" {
		return errors.New("--role and --system can't be used together: --role NAME takes its system prompt from the config file's [prompts] table")
	}
	text, ok := f.Prompts[fl.Role]
	if !ok {
		return unknownRole(fl.Role, f.Prompts)
	}
	s.System, s.Role = text, fl.Role
	return nil
}

// unknownRole is the one sentence for a --role the config does not define.
func unknownRole(name string, prompts map[string]string) error {
	if len(prompts) == 0 {
		return fmt.Errorf("unknown role %q: the config file has no [prompts] table; add one, such as [prompts] reviewer = \"You are a strict code reviewer.\"", name)
	}
	return fmt.Errorf("unknown role %q: the config file's [prompts] table has %s", name, strings.Join(quoted(PromptNames(prompts)), ", "))
}

// PromptNames returns the names of the [prompts] table, sorted.
func PromptNames(prompts map[string]string) []string {
	names := make([]string, 0, len(prompts))
	for n := range prompts {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func quoted(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = fmt.Sprintf("%q", n)
	}
	return out
}
