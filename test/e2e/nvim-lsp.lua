-- Headless Neovim 0.7 client for ha-lint-language-server: attaches the server to the current buffer, waits for
-- diagnostics, prints them as JSON lines on stdout and quits. Arguments come from the environment:
--   HA_LINT_SERVER  path of the server script (bin/ha-lint-language-server.js)
--   HA_LINT_ROOT    workspace folder
local server = os.getenv("HA_LINT_SERVER")
local root = os.getenv("HA_LINT_ROOT")
local out = io.stdout

local function finish(code)
  out:flush()
  if code == 0 then vim.cmd("qa!") else vim.cmd("cq " .. code) end
end

vim.bo.filetype = "keepalived"
local id = vim.lsp.start_client({
  name = "ha-lint",
  cmd = { "node", server, "--stdio" },
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = "ws" } },
  on_exit = function(code) out:write("server exited " .. tostring(code) .. "\n") end,
})
if not id then
  out:write("could not start the server\n")
  finish(2)
  return
end
vim.lsp.buf_attach_client(0, id)

local ok = vim.wait(10000, function() return #vim.diagnostic.get(0) > 0 end, 50)
if not ok then
  out:write("no diagnostics within 10 s\n")
  finish(3)
  return
end
for _, d in ipairs(vim.diagnostic.get(0)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ""
  out:write(string.format("DIAG %s %d:%d %d %s\n", code, d.lnum, d.col, d.severity, d.message:sub(1, 60)))
end

-- Hover over `priority` (line 15, 0-based 14) through the same client.
local client = vim.lsp.get_client_by_id(id)
local resp = client.request_sync("textDocument/hover", { textDocument = { uri = vim.uri_from_bufnr(0) }, position = { line = 14, character = 6 } }, 5000, 0)
if resp and resp.result and resp.result.contents then
  local value = resp.result.contents.value or ""
  out:write("HOVER " .. (value:find("Effective priorities", 1, true) and "priorities" or "other") .. "\n")
end
client.stop()
vim.wait(2000, function() return client.is_stopped() end, 50)
finish(0)
