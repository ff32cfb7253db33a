package client

import (
	"net"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// fullListener returns the address of a loopback socket that listens but
// never accepts, with its accept queue already full: Linux drops further
// SYNs, so a connection attempt hangs as to a host that does not answer.
func fullListener(t *testing.T) string {
	t.Helper()
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { syscall.Close(fd) })
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Listen(fd, 0); err != nil {
		t.Fatal(err)
	}
	sa, err := syscall.Getsockname(fd)
	if err != nil {
		t.Fatal(err)
	}
	addr := "127.0.0.1:" + strconv.Itoa(sa.(*syscall.SockaddrInet4).Port)
	filler, err := net.DialTimeout("tcp", addr, 5*time.Second) // takes the one place in the queue
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { filler.Close() })
	return addr
}

// TestConnectTimeout: a server that never completes the TCP handshake is
// given up on after ConnectTimeout, with a sentence that says so.
func TestConnectTimeout(t *testing.T) {
	addr := fullListener(t)
	o := testOptions()
	o.ConnectTimeout = 150 * time.Millisecond
	start := time.Now()
	r := waitClosed(t, New(testProvider("http://"+addr), o).Stream(t.Context(), Request{Model: "m"}), 10*time.Second)
	e, ok := AsError(r.err)
	if !ok || e.Kind != KindTimeout || !strings.Contains(e.Message, "the connection timed out") {
		t.Fatalf("error = %v, want a connect timeout", r.err)
	}
	if strings.Contains(e.Message, "http://") {
		t.Errorf("message %q names the URL", e.Message)
	}
	t.Logf("gave up after %v: %s", time.Since(start).Round(time.Millisecond), e.Message)
}
