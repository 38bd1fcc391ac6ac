;;; ha-lint.el --- ha-lint language server for keepalived and HAProxy files  -*- lexical-binding: t -*-

;; Emacs 28 with the eglot package (Debian: elpa-eglot), or Emacs 29 and later (eglot is built in).
;; Load it from your init file: (load "/path/to/ha-lint.el"). It needs `ha-lint-language-server' on PATH
;; (npm install -g ha-lint); set `ha-lint-server-command' to use another one.

(require 'eglot)
(require 'project)

(defvar ha-lint-server-command '("ha-lint-language-server" "--stdio")
  "Command that starts the ha-lint language server.")

(unless (fboundp 'haproxy-mode)
  (define-derived-mode haproxy-mode prog-mode "HAProxy"
    "Major mode for haproxy.cfg files."
    (setq-local comment-start "# ")))

(unless (fboundp 'keepalived-mode)
  (define-derived-mode keepalived-mode prog-mode "keepalived"
    "Major mode for keepalived.conf files."
    (setq-local comment-start "# ")))

(dolist (entry '(("/haproxy[^/]*\\.cfg\\'" . haproxy-mode)
                 ("\\.haproxy\\.cfg\\'" . haproxy-mode)
                 ("/haproxy/\\(conf\\.d/\\)?[^/]*\\.cfg\\'" . haproxy-mode)
                 ("/keepalived[^/]*\\.conf\\'" . keepalived-mode)
                 ("\\.keepalived\\.conf\\'" . keepalived-mode)
                 ("/keepalived\\.conf\\.[^/]+\\'" . keepalived-mode)
                 ("/keepalived/\\(conf\\.d/\\)?[^/]*\\.conf\\'" . keepalived-mode)))
  (add-to-list 'auto-mode-alist entry))

(defun ha-lint--per-node-name-p (name)
  "Non-nil when NAME is a per-node keepalived file (keepalived-lb01.conf, lb01.keepalived.conf, keepalived.conf.lb01)."
  (and (not (string= name "keepalived.conf"))
       (or (string-match-p "\\`keepalived[-_.][[:alnum:]][[:alnum:]._-]*\\.conf\\'" name)
           (string-match-p "\\`[[:alnum:]][[:alnum:]._-]*[-_.]keepalived\\.conf\\'" name)
           (string-match-p "\\`keepalived\\.conf\\.[[:alnum:]]" name))))

(defun ha-lint-cluster-root (dir)
  "The cluster folder of a file in DIR, as ha-lint's CLI groups nodes: the folder of the nearest .ha-lint.yaml;
else CLUSTER for CLUSTER/NODE/etc/{keepalived,haproxy}/FILE; else DIR when it holds per-node keepalived files;
else the folder above DIR (CLUSTER/NODE/FILE)."
  (let ((dir (directory-file-name (expand-file-name dir))))
    (or (let ((found (locate-dominating-file dir ".ha-lint.yaml")))
          (and found (directory-file-name (expand-file-name found))))
        (and (string-match "\\`\\(.*\\)/[^/]+/etc/\\(keepalived\\|haproxy\\)\\'" dir) (match-string 1 dir))
        (and (seq-some #'ha-lint--per-node-name-p (directory-files dir)) dir)
        (directory-file-name (file-name-directory dir)))))

(defun ha-lint--project (dir)
  "A project rooted at the cluster folder, for keepalived and HAProxy buffers."
  (when (derived-mode-p 'haproxy-mode 'keepalived-mode)
    (cons 'transient (file-name-as-directory (ha-lint-cluster-root dir)))))

(add-hook 'project-find-functions #'ha-lint--project)
(add-to-list 'eglot-server-programs
             `((haproxy-mode keepalived-mode) . ,(lambda (&rest _) ha-lint-server-command)))
(add-hook 'haproxy-mode-hook #'eglot-ensure)
(add-hook 'keepalived-mode-hook #'eglot-ensure)

(provide 'ha-lint)
;;; ha-lint.el ends here
