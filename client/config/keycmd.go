package config

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// keyCommandTimeout bounds an api_key_cmd: a password manager waiting for
// an unlock that never comes must not hold lockchat forever.
const keyCommandTimeout = 15 * time.Second

// pipeGrace is how long the output is waited for once the command has
// exited or been killed: a child it left behind may hold the pipe open.
const pipeGrace = 500 * time.Millisecond

// keyFromCommand runs a password-manager style command and takes its first
// line of output as the key. The command runs in its own process group, so
// that at the deadline or when ctx ends (lockchat got SIGINT or SIGTERM)
// the shell and everything it started are killed together.
func keyFromCommand(ctx context.Context, cmdline string, timeout time.Duration) (string, error) {
	cctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var out bytes.Buffer
	cmd := exec.CommandContext(cctx, "sh", "-c", cmdline)
	cmd.Stdout = &out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return killGroup(cmd) }
	cmd.WaitDelay = pipeGrace
	err := cmd.Run()
	// Whatever the shell did, nothing it started outlives it: a child left
	// in the background would hold the pipe, or just linger.
	_ = killGroup(cmd)
	if errors.Is(err, exec.ErrWaitDelay) {
		err = nil // the shell succeeded; only its output pipe was held open
	}
	switch {
	case ctx.Err() != nil:
		return "", errors.New("it was interrupted")
	case cctx.Err() != nil:
		return "", fmt.Errorf("it did not finish within %v and was stopped", timeout)
	case err != nil:
		return "", fmt.Errorf("%s", strings.TrimSpace(err.Error()))
	}
	key := strings.TrimSpace(strings.SplitN(out.String(), "\n", 2)[0])
	if key == "" {
		return "", errors.New("it printed nothing")
	}
	return key, nil
}

// killGroup kills the command's process group: the group's ID is the
// shell's PID, as Setpgid made it the leader.
func killGroup(cmd *exec.Cmd) error {
	if cmd.Process == nil {
		return nil
	}
	err := syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	if errors.Is(err, syscall.ESRCH) {
		return nil
	}
	return err
}
