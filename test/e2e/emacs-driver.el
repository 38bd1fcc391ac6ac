;;; emacs-driver.el --- headless driver for the Emacs test  -*- lexical-binding: t -*-
;; editors/emacs/ha-lint.el is loaded first (-l); this opens HA_LINT_FILE, lets eglot connect, waits for the
;; server's diagnostics and prints, one fact per line: "MODE <major mode>", "ROOT <project root>",
;; "DIAG <code> <line>:<col>" (0-based, as LSP counts).

(setq ha-lint-server-command (list "node" (getenv "HA_LINT_SERVER") "--stdio"))
;; A file with no problems gets an empty publication: wait for the publication, not for a diagnostic.
(defvar ha-lint-test--published nil)
(advice-add 'eglot-handle-notification :after
            (lambda (_server method &rest _)
              (when (eq method 'textDocument/publishDiagnostics) (setq ha-lint-test--published t))))
(find-file (getenv "HA_LINT_FILE"))
;; eglot-ensure connects from post-command-hook, which a batch session never runs on its own.
(run-hooks 'post-command-hook)
(princ (format "MODE %s\n" major-mode))
(let ((project (project-current)))
  (princ (format "ROOT %s\n" (directory-file-name (expand-file-name (if (fboundp 'project-root)
                                                                          (project-root project)
                                                                        (cdr project)))))))
;; The diagnostics eglot received: flymake shows them once a command loop runs or the buffer is displayed, which a
;; batch session never does; eglot 1.9 keeps them in `eglot--diagnostics' until then.
(defun ha-lint-test--diagnostics ()
  (or (ignore-errors (flymake-diagnostics))
      (and (boundp 'eglot--diagnostics) eglot--diagnostics)))
(let ((deadline (+ (float-time) 20)))
  (while (and (null (ha-lint-test--diagnostics)) (not ha-lint-test--published) (< (float-time) deadline))
    (when (bound-and-true-p flymake-mode) (flymake-start))
    (accept-process-output nil 0.2)))
(dolist (d (ha-lint-test--diagnostics))
  (let* ((beg (flymake-diagnostic-beg d))
         (line (1- (line-number-at-pos beg)))
         (col (save-excursion (goto-char beg) (current-column)))
         (text (flymake-diagnostic-text d))
         (code (if (string-match "\\b\\(HA\\|KA\\|HP\\|HL\\)[0-9][0-9][0-9]\\b" text) (match-string 0 text) "?")))
    (princ (format "DIAG %s %d:%d\n" code line col))))
(let ((found (ha-lint-test--diagnostics)))
  (ignore-errors (eglot-shutdown (eglot-current-server)))
  (kill-emacs (if (or found ha-lint-test--published) 0 3)))
