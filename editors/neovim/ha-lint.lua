-- ha-lint language server for keepalived and HAProxy files, for Neovim 0.7 and later.
-- Put this file in ~/.config/nvim/plugin/ (or `dofile()` it from init.lua). It needs `ha-lint-language-server` on
-- PATH (`npm install -g ha-lint`); set vim.g.ha_lint_cmd to another command list to use another one.

local filetypes = {
  haproxy = { "haproxy.cfg", "haproxy*.cfg", "*.haproxy.cfg", "*/haproxy/*.cfg", "*/haproxy/conf.d/*.cfg" },
  keepalived = {
    "keepalived.conf",
    "keepalived*.conf",
    "*.keepalived.conf",
    "keepalived.conf.*",
    "*/keepalived/*.conf",
    "*/keepalived/conf.d/*.conf",
  },
}

-- Names of per-node keepalived files that share one folder (keepalived-lb01.conf, lb01.keepalived.conf,
-- keepalived.conf.lb01), as ha-lint's discovery reads them.
local per_node = { "^keepalived[-_.][%w][%w._-]-%.conf$", "^[%w][%w._-]-[-_.]keepalived%.conf$", "^keepalived%.conf%.[%w]" }

local function is_per_node(name)
  if name == "keepalived.conf" then
    return false
  end
  for _, pattern in ipairs(per_node) do
    if name:match(pattern) then
      return true
    end
  end
  return false
end

-- The cluster folder of a file, the folder ha-lint's CLI groups the file's nodes under: the folder of the nearest
-- .ha-lint.yaml; else, for <cluster>/<node>/etc/{keepalived,haproxy}/FILE, <cluster>; for a folder of per-node
-- keepalived files (and the haproxy.cfg they share), that folder; else, for <cluster>/<node>/FILE, <cluster>.
local function cluster_root(file)
  local dir = vim.fn.fnamemodify(file, ":p:h")
  local config = vim.fn.findfile(".ha-lint.yaml", dir .. ";")
  if config ~= "" then
    return vim.fn.fnamemodify(config, ":p:h")
  end
  local etc = dir:match("^(.*)/[^/]+/etc/keepalived$") or dir:match("^(.*)/[^/]+/etc/haproxy$")
  if etc then
    return etc
  end
  for _, name in ipairs(vim.fn.readdir(dir)) do
    if is_per_node(name) then
      return dir
    end
  end
  return vim.fn.fnamemodify(dir, ":h")
end

local group = vim.api.nvim_create_augroup("ha_lint", { clear = true })

for filetype, patterns in pairs(filetypes) do
  vim.api.nvim_create_autocmd({ "BufRead", "BufNewFile" }, {
    group = group,
    pattern = patterns,
    callback = function()
      if vim.bo.filetype ~= filetype then
        vim.bo.filetype = filetype
      end
    end,
  })
end

vim.api.nvim_create_autocmd("FileType", {
  group = group,
  pattern = { "haproxy", "keepalived" },
  callback = function(args)
    local file = vim.api.nvim_buf_get_name(args.buf)
    if file == "" then
      return
    end
    local root = cluster_root(file)
    local config = {
      name = "ha-lint",
      cmd = vim.g.ha_lint_cmd or { "ha-lint-language-server", "--stdio" },
      root_dir = root,
      workspace_folders = { { uri = vim.uri_from_fname(root), name = vim.fn.fnamemodify(root, ":t") } },
    }
    if vim.lsp.start then
      -- Neovim 0.8 and later: one client per root, reused for every buffer under it.
      vim.lsp.start(config, {
        bufnr = args.buf,
        reuse_client = function(client, wanted)
          return client.name == wanted.name and client.config.root_dir == wanted.root_dir
        end,
      })
      return
    end
    -- Neovim 0.7: one client per root, attached to every buffer under it.
    vim.g.ha_lint_clients = vim.g.ha_lint_clients or {}
    local clients = vim.g.ha_lint_clients
    local id = clients[root]
    if not id or not vim.lsp.get_client_by_id(id) then
      id = vim.lsp.start_client(config)
      clients[root] = id
      vim.g.ha_lint_clients = clients
    end
    if id then
      vim.lsp.buf_attach_client(args.buf, id)
    end
  end,
})
