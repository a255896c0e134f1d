package pipeline

import (
	"errors"
	"os"
	"syscall"
)

// processAlive reports whether a process of this host is running: signal
// 0 checks without sending anything; a process of another user answers
// EPERM, and is alive.
func processAlive(pid int) bool {
	proc, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = proc.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}
