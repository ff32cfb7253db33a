// Command lockchat is a full-screen terminal chat client for the Lockchat
// API and every OpenAI-compatible streaming endpoint, with a one-shot mode
// for scripts. main only parses configuration, wires client, session and ui
// together and runs the program.
package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/fang"
	"github.com/spf13/cobra"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/client/config"
	"github.com/lockchat/lockchat/client/sanitize"
	"github.com/lockchat/lockchat/session"
	"github.com/lockchat/lockchat/ui"
	"github.com/lockchat/lockchat/ui/oneshot"
)

// Set by the release build.
var (
	version = "dev"
	commit  = ""
	date    = ""
)

// usageError marks a problem with how lockchat was called: exit status 2.
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

// exitError carries a chosen exit status without another message.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes the command line and returns the process exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	app := newApp(stdin, stdout, stderr)
	root := app.rootCommand()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := fang.Execute(ctx, root,
		fang.WithVersion(versionString()),
		fang.WithoutManpage(), // manCommand builds a fuller page
		fang.WithErrorHandler(func(w io.Writer, _ fang.Styles, err error) {
			var ee exitError
			if !errors.As(err, &ee) {
				fmt.Fprintf(w, "lockchat: %s\n", err)
			}
		}))
	return exitCode(err)
}

func exitCode(err error) int {
	var ee exitError
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.code
	case errors.As(err, &ue):
		return 2
	}
	return 1
}

// cobra reports bad flags and arguments through this hook: they are usage
// errors, exit status 2.
func flagError(_ *cobra.Command, err error) error {
	msg := err.Error()
	if i := strings.Index(msg, ": strconv.Parse"); i >= 0 {
		msg = msg[:i] + ": not a number"
	}
	return usageError{errors.New(msg)}
}

// noArgs rejects stray arguments as a usage error, exit status 2.
func noArgs(cmd *cobra.Command, args []string) error {
	if err := cobra.NoArgs(cmd, args); err != nil {
		return usageError{err}
	}
	return nil
}

// app holds the command line's values and streams.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer

	prompt, configPath string
	flags              config.Flags
	temperature        float64
	maxRetries         int
	timeout            time.Duration
	cont, noSave, demo bool
	reasoning          bool
	attach             []string
	resume             string
	cpuProfile         string
	mouse              bool

	// file is the config file, read once by settings; base is what
	// settings resolved from it, the flags and the environment.
	file               config.File
	base               config.Settings
	haveFile, haveBase bool
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *app {
	return &app{stdin: stdin, stdout: stdout, stderr: stderr}
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "lockchat [-p PROMPT] [flags]",
		Short: "A fast terminal chat client for Lockchat and OpenAI-compatible servers",
		Long: "lockchat opens a full-screen chat. With -p, or a prompt on standard input,\n" +
			"it sends one prompt and prints the reply (one-shot mode, for scripts).",
		Example: "  lockchat\n  lockchat -p 'Explain SSE in one paragraph'\n" +
			"  git diff | lockchat -p 'Review this change' -m gpt-4\n  lockchat --provider ollama -m llama3.2",
		Args:          noArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE:          a.runRoot,
	}
	root.SetFlagErrorFunc(flagError)
	a.addConnectionFlags(root)
	f := root.Flags()
	f.StringVarP(&a.prompt, "prompt", "p", "", "send PROMPT, print the reply and exit")
	f.BoolVarP(&a.cont, "continue", "c", false, "continue the last conversation")
	f.StringVar(&a.resume, "resume", "", "reopen the conversation ID (a unique prefix is enough)")
	f.BoolVar(&a.noSave, "no-save", false, "do not save the one-shot exchange")
	// Persistent, so that ls, search, export, rename, rm and models reach
	// the demo's own store and server too.
	root.PersistentFlags().BoolVar(&a.demo, "demo", false, "chat with a built-in local demo server and its own store (no network, no key)")
	f.StringArrayVarP(&a.attach, "attach", "a", nil, "attach FILE to the prompt (repeatable; - attaches standard input)")
	f.BoolVar(&a.reasoning, "reasoning", false, "in one-shot mode, print the model's reasoning to standard error as it arrives")
	f.BoolVar(&a.mouse, "mouse", false, "scroll with the mouse wheel (turns off the terminal's own text selection)")
	f.StringVar(&a.cpuProfile, "cpuprofile", "", "write a CPU profile to FILE (for performance work)")
	_ = f.MarkHidden("cpuprofile")
	root.AddCommand(a.modelsCommand())
	root.AddCommand(a.manCommand())
	a.addStoreCommands(root)
	return root
}

// addConnectionFlags declares the flags shared by commands that talk to a server.
func (a *app) addConnectionFlags(cmd *cobra.Command) {
	f := cmd.PersistentFlags()
	f.StringVar(&a.flags.Provider, "provider", "", "use provider NAME: "+strings.Join(client.BuiltinNames(), ", ")+", or one from the config file")
	f.StringVar(&a.flags.BaseURL, "base-url", "", "send to URL instead of the provider's base URL (its auth style and user agent stay)")
	f.StringVarP(&a.flags.Model, "model", "m", "", "use MODEL instead of the provider's default")
	f.Float64VarP(&a.temperature, "temperature", "t", config.DefaultTemperature, "sample at temperature NUMBER, 0 to 2")
	f.IntVar(&a.maxRetries, "max-retries", 3, "retry N times after the first request (0 = one request)")
	f.StringVar(&a.flags.UserAgent, "user-agent", "", "send TEXT as the User-Agent header")
	f.DurationVar(&a.timeout, "timeout", 0, "end the whole request after DURATION, such as 90s or 2m (0 = none)")
	f.StringVar(&a.flags.System, "system", "", "use TEXT as the system prompt")
	f.StringVarP(&a.flags.Role, "role", "r", "", "take the system prompt named NAME from the config file's [prompts] table")
	f.StringVar(&a.configPath, "config", "", "read the config from FILE (default $XDG_CONFIG_HOME/lockchat/config.toml)")
	f.StringVar(&a.flags.DataDir, "data-dir", "", "keep the conversation store in DIR")
	cmd.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error { return a.collectFlags(cmd) }
}

// collectFlags records which flags were given, so unset ones don't
// override the environment or the config file.
func (a *app) collectFlags(cmd *cobra.Command) error {
	f := cmd.Flags()
	if f.Changed("temperature") {
		if !(a.temperature >= 0 && a.temperature <= 2) { // NaN too
			return usageError{fmt.Errorf("--temperature %v is out of range: use a value from 0 to 2", a.temperature)}
		}
		a.flags.Temperature = &a.temperature
	}
	if f.Changed("max-retries") {
		if a.maxRetries < 0 || a.maxRetries > 20 {
			return usageError{fmt.Errorf("--max-retries %d is out of range: use 0 to 20", a.maxRetries)}
		}
		a.flags.MaxRetries = &a.maxRetries
	}
	if f.Lookup("mouse") != nil && f.Changed("mouse") {
		a.flags.Mouse = &a.mouse
	}
	if f.Changed("timeout") {
		if a.timeout < 0 {
			return usageError{fmt.Errorf("--timeout %v must not be negative", a.timeout)}
		}
		a.flags.Timeout = &a.timeout
	}
	return nil
}

// runRoot decides between one-shot mode and the full-screen chat.
func (a *app) runRoot(cmd *cobra.Command, _ []string) error {
	prompt, terminal, err := a.readPrompt()
	if err != nil {
		return err
	}
	attachments, err := a.readAttachments()
	if err != nil {
		return err
	}
	if strings.TrimSpace(prompt) == "" && len(attachments) > 0 && (!terminal || cmd.Flags().Changed("prompt")) {
		return usageError{errors.New("no prompt to go with the attachments: give one with -p PROMPT")}
	}
	if strings.TrimSpace(prompt) == "" && (!terminal || cmd.Flags().Changed("prompt")) {
		return usageError{errors.New("no prompt: give one with -p PROMPT or on standard input")}
	}
	if err := a.checkConflicts(); err != nil {
		return err
	}
	s, err := a.settings(cmd.Context())
	if err != nil {
		return err
	}
	keys, err := ui.DefaultKeyMap().ApplyKeys(s.Keys)
	if err != nil { // settings checked them already
		return usageError{err}
	}
	if a.cpuProfile != "" {
		stop, err := startCPUProfile(a.cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	var journal *session.Journal
	var notices []string
	if prompt == "" || !a.noSave {
		if journal, notices, err = a.openStore(s); err != nil {
			return err
		}
		defer a.closeStore(journal)
	}
	conv, err := a.resumed(journal, prompt != "")
	if err != nil {
		return err
	}
	if s, err = a.settingsFor(cmd.Context(), conv); err != nil {
		return err
	}
	if a.demo {
		stopDemo, err := startDemo(&s)
		if err != nil {
			return err
		}
		defer stopDemo()
	}
	rememberedPrefs(&s, journal)
	if prompt != "" {
		return a.oneShot(cmd.Context(), s, journal, notices, prompt, attachments, conv.ID)
	}
	return a.fullScreen(cmd.Context(), s, keys, journal, notices, conv, attachments)
}

// checkConflicts refuses flags that contradict each other.
func (a *app) checkConflicts() error {
	switch {
	case a.noSave && a.cont:
		return usageError{errors.New("--no-save and --continue can't be used together")}
	case a.noSave && a.resume != "":
		return usageError{errors.New("--no-save and --resume can't be used together")}
	}
	return nil
}

// readPrompt combines -p and standard input: stdin, when it is not a
// terminal and not empty, is appended to the prompt after a blank line.
// terminal reports whether stdin is a terminal (then it is not read).
func (a *app) readPrompt() (prompt string, terminal bool, err error) {
	prompt = a.prompt
	if oneshot.IsTerminal(a.stdin) {
		return prompt, true, nil
	}
	if slices.Contains(a.attach, "-") { // -a - takes standard input as a file
		return prompt, false, nil
	}
	data, err := io.ReadAll(a.stdin)
	if err != nil {
		return "", false, usageError{fmt.Errorf("could not read standard input: %v", err)}
	}
	in := strings.TrimRight(string(data), "\n")
	switch {
	case strings.TrimSpace(in) == "":
		return prompt, false, nil
	case prompt == "":
		return in, false, nil
	}
	return prompt + "\n\n" + in, false, nil
}

// readAttachments reads the -a files; a file that can't be attached is a
// usage error, before anything is sent or saved.
func (a *app) readAttachments() ([]session.Attachment, error) {
	var out []session.Attachment
	for _, path := range a.attach {
		att, err := session.ReadAttachment(path, a.stdin)
		if err != nil {
			return nil, usageError{err}
		}
		out = append(out, att)
	}
	return out, nil
}

// oneShot sends one prompt and prints the reply; journal is nil with
// --no-save, resumeID "" for a new conversation.
func (a *app) oneShot(ctx context.Context, s config.Settings, journal *session.Journal, notices []string,
	prompt string, attachments []session.Attachment, resumeID string) error {
	c := client.New(s.Provider, s.Options)
	if w := s.Provider.PlainHTTPKeyWarning(); w != "" {
		fmt.Fprintln(a.stderr, "lockchat: "+w)
	}
	a.printNotices(notices)
	if s.Model == "" {
		model, err := serverModel(ctx, c)
		if err != nil {
			fmt.Fprintln(a.stderr, "lockchat: "+sanitize.Line(err.Error()))
			return exitError{oneshot.ExitFailed}
		}
		s.Model = model
	}
	cfg := oneshot.Config{Client: c, Prompt: prompt, Attachments: attachments, System: s.System, SystemChosen: s.SystemChosen,
		Request: client.Request{Model: s.Model, Temperature: s.Temperature, MaxTokens: s.MaxTokens},
		Journal: journal, ResumeID: resumeID, MaxReplyBytes: s.MaxReplyBytes, Reasoning: a.reasoning,
		Stdout: a.stdout, Stderr: a.stderr, Hint: oneshot.UnreachableHint(s.Provider),
		Window: func(ctx context.Context, model string) int {
			if n := s.ContextWindowFor(model); n > 0 {
				return n // the config's: the server need not be asked
			}
			info, _ := c.ModelInfo(ctx, model)
			n, _ := s.Window(model, info)
			return n
		}}
	if code := oneshot.Run(ctx, cfg); code != 0 {
		return exitError{code}
	}
	return nil
}

// modelsCommand prints the merged model list.
func (a *app) modelsCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "models",
		Short: "List the models of the provider (built-in, configured and the server's)",
		Args:  usageArgs(cobra.NoArgs, "models takes no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := a.settings(cmd.Context())
			if err != nil {
				return err
			}
			if a.demo {
				stopDemo, err := startDemo(&s)
				if err != nil {
					return err
				}
				defer stopDemo()
			}
			c := client.New(s.Provider, s.Options)
			server, err := c.ListModels(cmd.Context())
			if err != nil {
				fmt.Fprintf(a.stderr, "lockchat: note: %s\n", err)
			}
			return printModels(a.stdout, client.MergeModels(append([]string{s.Model}, s.Provider.Models...), server))
		},
	}
}

// printModels writes one model name a line; a failed write (a full disk,
// a closed pipe) is the command's failure, not a silent short list.
func printModels(w io.Writer, models []string) error {
	for _, m := range models {
		if _, err := fmt.Fprintln(w, sanitize.Line(m)); err != nil {
			return fmt.Errorf("could not write the model list: %w", err)
		}
	}
	return nil
}

// fullScreen runs the chat screen; resumed is the conversation -c or
// --resume named (the zero value for none).
func (a *app) fullScreen(ctx context.Context, s config.Settings, keys ui.KeyMap, journal *session.Journal,
	notices []string, resumed session.Conversation, attachments []session.Attachment) error {
	s.Options.ReadInterval = ui.ReadInterval
	c := client.New(s.Provider, s.Options)
	if w := s.Provider.PlainHTTPKeyWarning(); w != "" {
		notices = append(notices, w)
	}
	tuneRuntime()
	cwd, _ := os.Getwd()
	opts := ui.Options{
		Client: c, Model: s.Model, ModelChosen: a.modelChosen(),
		Temperature: s.Temperature, MaxTokens: s.MaxTokens,
		System: s.System, SystemChosen: s.SystemChosen, Role: s.Role, Prompts: s.Prompts,
		Models: s.Provider.Models, Keys: keys, Mouse: s.Mouse,
		Theme: s.Theme, NoColor: ui.NoColor(),
		Continue: a.cont && resumed.ID == "", ResumeID: cmp.Or(resumed.ID, a.resume), ExportDir: cwd, Notices: notices,
		ErrorHint: oneshot.UnreachableHint(s.Provider), Connect: a.connector(ctx, c, resumed, journal), MaxReplyBytes: s.MaxReplyBytes,
		Attachments: attachments, Probe: c.Probe, Unreachable: oneshot.UnreachableNotice(s.Provider),
		Window:    func(model string, info client.ModelInfo) int { n, _ := s.Window(model, info); return n },
		Vision:    s.Vision,
		ModelInfo: c.ModelInfo,
	}
	if journal != nil {
		opts.Journal = journal
		if store := journal.Store(); store != nil {
			opts.Reader = store
		}
	}
	// lipgloss detected the terminal's colours when it was loaded; letting
	// Bubble Tea detect them again would run `tmux info` a second time
	// inside tmux, 25 ms of start-up.
	_, err := tea.NewProgram(ui.New(opts), tea.WithContext(ctx), tea.WithColorProfile(lipgloss.Writer.Profile)).Run()
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("the terminal interface failed: %v", err)
	}
	return nil
}

// addStoreCommands adds ls, export, search, rm and rename: they read the
// store directly and work offline, with no key and no server.
func (a *app) addStoreCommands(root *cobra.Command) {
	var asJSON bool
	var format, output string
	ls := &cobra.Command{Use: "ls", Short: "List saved conversations, newest first", Args: usageArgs(cobra.NoArgs, "ls takes no arguments"),
		RunE: a.withStore(session.OpenReadOnly, func(s *session.Store, _ []string) error { return s.PrintList(a.stdout, asJSON) })}
	ls.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	search := &cobra.Command{Use: "search QUERY", Short: "Search the text of saved conversations",
		Long: "search finds the messages that hold every word of QUERY. A query that starts with a dash\n" +
			"goes after --, or it is read as flags: lockchat search -- -minus searches for -minus.",
		Example: "  lockchat search sqlite wal\n  lockchat search 'retry*'\n  lockchat search -- -minus",
		Args:    searchArgs,
		RunE: a.withStore(session.OpenReadOnly, func(s *session.Store, args []string) error {
			err := s.PrintSearch(a.stdout, strings.Join(args, " "), asJSON)
			if errors.Is(err, session.ErrInvalid) { // a query of wildcards alone
				return usageError{errors.New("the search query has no words: give the words to look for, as in lockchat search QUERY")}
			}
			return err
		})}
	search.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	export := &cobra.Command{Use: "export [ID|last]", Short: "Export a conversation as Markdown or JSON",
		Args: usageArgs(cobra.MaximumNArgs(1), "export takes at most one conversation ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			// Refused before the store is opened, which may create it.
			if err := checkOutput(output); err != nil {
				return err
			}
			return a.withStore(session.OpenReadOnly, func(s *session.Store, args []string) error {
				return a.export(s, args, format, output)
			})(cmd, args)
		}}
	export.Flags().StringVar(&format, "format", "md", "write FORMAT: md or json")
	export.Flags().StringVarP(&output, "output", "o", "", "write to FILE instead of standard output (-); a regular file is replaced atomically")
	rm := &cobra.Command{Use: "rm ID", Short: "Delete a conversation", Args: usageArgs(cobra.ExactArgs(1), "rm takes one conversation ID"),
		RunE: a.withStore(session.Open, func(s *session.Store, args []string) error { return s.PrintRemove(a.stdout, args[0]) })}
	rename := &cobra.Command{Use: "rename ID TITLE", Short: "Rename a conversation",
		Args: usageArgs(cobra.MinimumNArgs(2), "rename needs a conversation ID and a TITLE"),
		RunE: a.withStore(session.Open, func(s *session.Store, args []string) error {
			return s.PrintRename(a.stdout, args[0], strings.Join(args[1:], " "))
		})}
	for _, c := range []*cobra.Command{ls, search, export, rm, rename} {
		c.SetFlagErrorFunc(flagError)
		root.AddCommand(c)
	}
}
