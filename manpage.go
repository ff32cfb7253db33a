package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/lockchat/lockchat/session"
	"github.com/lockchat/lockchat/ui"
	"github.com/lockchat/lockchat/ui/oneshot"
)

// manCommand prints the man page. It is built from the same command tree
// as --help and from the chat's key map, so the three never disagree.
func (a *app) manCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "man",
		Short: "Print the man page (roff) to standard output",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if _, err := io.WriteString(a.stdout, manPage(cmd.Root())); err != nil {
				return fmt.Errorf("could not write the man page: %w", err)
			}
			return nil
		},
	}
}

// flagArgs names the value of each flag that takes one, as the man page
// shows it (-m, --model MODEL). A flag missing here fails the man page test.
var flagArgs = map[string]string{
	"prompt": "PROMPT", "resume": "ID", "provider": "NAME", "base-url": "URL",
	"model": "MODEL", "temperature": "NUMBER", "max-retries": "N", "user-agent": "TEXT",
	"timeout": "DURATION", "system": "TEXT", "config": "FILE", "data-dir": "DIR",
	"format": "FORMAT", "output": "FILE", "attach": "FILE", "role": "NAME",
}

// manEnvironment is the README's environment table.
var manEnvironment = [][2]string{
	{"LOCKCHAT_PROVIDER", "like --provider"},
	{"LOCKCHAT_MODEL", "like --model"},
	{"LOCKCHAT_BASE_URL", "like --base-url"},
	{"LOCKCHAT_API_KEY", "replaces the active provider's key (for lockchat, its query token)"},
	{"OPENAI_API_KEY", "the key of the openai preset"},
	{"OPENROUTER_API_KEY", "the key of the openrouter preset"},
	{"HTTPS_PROXY, HTTP_PROXY, NO_PROXY", "proxies; loopback addresses are never proxied"},
	{"NO_COLOR", "no colours anywhere"},
	{"XDG_CONFIG_HOME", "where the config file lives (see FILES)"},
	{"XDG_DATA_HOME", "where the conversation store lives (see FILES)"},
}

// manPage renders the whole page for root. It holds no time of its own,
// so the same build always prints the same bytes.
func manPage(root *cobra.Command) string {
	root.InitDefaultHelpFlag()
	root.InitDefaultVersionFlag()
	var r roffPage
	day := date
	if len(day) > 10 {
		day = day[:10] // the release sets an RFC 3339 time
	}
	r.request("TH", "LOCKCHAT", "1", quoted(day), quoted("lockchat "+root.Version), quoted("User Commands"))
	r.request("nh") // option names and paths must not be hyphenated
	r.request("SH", "NAME")
	r.line(`lockchat \- ` + esc(lowerFirst(root.Short)))
	manSynopsis(&r)
	r.request("SH", "DESCRIPTION")
	r.text(strings.ReplaceAll(root.Long, "\n", " "))
	r.request("PP")
	r.text("Settings come from the flags, then the environment, then the config file, then built-in defaults.")
	r.request("SH", "OPTIONS")
	manFlags(&r, root.LocalFlags(), "")
	manCommands(&r, root)
	manKeys(&r)
	manEnv(&r)
	manFiles(&r)
	manExit(&r)
	r.request("SH", "EXAMPLES")
	r.request("nf")
	r.text(strings.TrimRight(root.Example, "\n"))
	r.request("fi")
	return r.String()
}

func manSynopsis(r *roffPage) {
	r.request("SH", "SYNOPSIS")
	opts := `[\fIOPTIONS\fR]`
	r.line(bold("lockchat") + " " + opts)
	r.request("br")
	r.line(bold("lockchat") + " " + bold("-p") + " " + italic("PROMPT") + " " + opts)
	r.request("br")
	r.line(italic("command") + " | " + bold("lockchat") + " [" + bold("-p") + " " + italic("PROMPT") + "] " + opts)
	r.request("br")
	r.line(bold("lockchat") + " " + italic("COMMAND") + " [" + italic("ARGS") + "]")
}

// manFlags writes one .TP entry per visible flag but skip: "-m, --model MODEL".
func manFlags(r *roffPage, fs *pflag.FlagSet, skip string) {
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden || f.Name == skip {
			return
		}
		r.tagged(flagTag(f), f.Usage+flagDefault(f))
	})
}

func flagTag(f *pflag.Flag) string {
	tag := bold("--" + f.Name)
	if f.Shorthand != "" {
		tag = bold("-"+f.Shorthand) + ", " + tag
	}
	if takesValue(f) {
		tag += " " + italic(flagArgs[f.Name])
	}
	return tag
}

// takesValue reports whether the flag needs an argument (booleans don't).
func takesValue(f *pflag.Flag) bool { return f.NoOptDefVal == "" }

func flagDefault(f *pflag.Flag) string {
	switch f.DefValue {
	case "", "false", "0", "0s", "[]":
		return ""
	}
	return " (default " + f.DefValue + ")"
}

// manCommands lists the subcommands with their own flags.
func manCommands(r *roffPage, root *cobra.Command) {
	r.request("SH", "COMMANDS")
	for _, c := range root.Commands() {
		if c.Hidden || c.Name() == "help" {
			continue
		}
		r.tagged(commandTag(c), c.Short)
		if c.HasLocalFlags() {
			r.request("RS")
			manFlags(r, c.LocalNonPersistentFlags(), "help")
			r.request("RE")
		}
	}
}

// commandTag is the command's usage; a command made of subcommands
// (completion) lists them: completion bash|zsh|fish|powershell.
func commandTag(c *cobra.Command) string {
	if !c.Runnable() && c.HasAvailableSubCommands() {
		var names []string
		for _, s := range c.Commands() {
			if s.IsAvailableCommand() {
				names = append(names, italic(s.Name()))
			}
		}
		return bold(c.Name()) + " " + strings.Join(names, "|")
	}
	return usageLine(c.Use)
}

// manKeys lists the chat screen's default bindings and the action names
// the config file's [keys] table rebinds.
func manKeys(r *roffPage) {
	r.request("SH", "KEYS")
	r.text("The chat screen's default keys:")
	for _, col := range ui.DefaultKeyMap().FullHelp() {
		for _, b := range col {
			keys := make([]string, len(b.Keys()))
			for i, k := range b.Keys() {
				keys[i] = bold(k)
			}
			r.tagged(strings.Join(keys, ", "), b.Help().Desc)
		}
	}
	r.request("PP")
	r.text("The [keys] table of the config file rebinds them, an action to a list of keys " +
		`(send = ["enter"]; an empty list turns an action off). The actions are ` +
		strings.Join(ui.KeyActions(), ", ") + ".")
}

func manEnv(r *roffPage) {
	r.request("SH", "ENVIRONMENT")
	for _, e := range manEnvironment {
		r.tagged(bold(e[0]), e[1])
	}
}

func manFiles(r *roffPage) {
	r.request("SH", "FILES")
	r.tagged(italic("$XDG_CONFIG_HOME/lockchat/config.toml"),
		"The config file (~/.config/lockchat/config.toml when XDG_CONFIG_HOME is unset); --config names another.")
	db := session.FileName
	r.tagged(italic("$XDG_DATA_HOME/lockchat/"+db),
		"The conversation store, SQLite in WAL mode ("+db+"-wal, "+db+"-shm beside it); "+
			"~/.local/share/lockchat when XDG_DATA_HOME is unset, --data-dir or data_dir elsewhere.")
	r.tagged(italic("$XDG_DATA_HOME/lockchat/"+db+".deltas/"),
		"Append-only logs of the replies being streamed, folded into the store once per reply.")
	r.tagged(italic("$XDG_DATA_HOME/lockchat/"+session.BackupPath(db, 1)),
		"A copy of the store made before it was migrated to a newer schema (.v2.bak and so on for later versions).")
	r.tagged(italic("$XDG_DATA_HOME/lockchat/"+db+".corrupt-TIMESTAMP"),
		"An unreadable store, moved aside (never deleted) when a fresh one was started.")
}

func manExit(r *roffPage) {
	r.request("SH", "EXIT STATUS")
	for _, e := range []struct {
		code int
		text string
	}{
		{oneshot.ExitOK, "Success: in one-shot mode, the reply arrived whole."},
		{oneshot.ExitFailed, "The request failed (HTTP error, stream error, network, cut-off reply, timeout); " +
			"the text that arrived is already on standard output. Also a store command that failed."},
		{oneshot.ExitUsage, "Usage error: a bad flag or value, no prompt, a bad config file."},
		{oneshot.ExitInterrupted, "Interrupted with Ctrl+C."},
	} {
		r.tagged(bold(fmt.Sprint(e.code)), e.text)
	}
}

// quoted makes s one argument of a request.
func quoted(s string) string { return `"` + strings.ReplaceAll(esc(s), `"`, `\(dq`) + `"` }

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
