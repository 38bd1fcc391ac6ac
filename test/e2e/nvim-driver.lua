-- Headless driver for the Neovim tests: editors/neovim/ha-lint.lua is loaded first (-c "luafile ..."); this opens a
-- file, waits for the server's diagnostics and prints what the test reads, one fact per line on stdout:
--   FT <name> <filetype>      filetype detection for each name in HA_LINT_FT_NAMES (comma separated)
--   ROOT <path>               root folder of the client attached to the file
--   DIAG <code> <line>:<col>  each diagnostic
-- Environment: HA_LINT_FILE (file to open), HA_LINT_FT_NAMES, HA_LINT_RELATIVE_ROOT (start a client by hand with
-- this relative root instead of the plugin's, to check the server accepts it).
local out = io.stdout

local function finish(code)
  out:flush()
  if code == 0 then
    vim.cmd("qa!")
  else
    vim.cmd("cq " .. code)
  end
end

for name in string.gmatch(os.getenv("HA_LINT_FT_NAMES") or "", "[^,]+") do
  vim.cmd("silent! noautocmd enew")
  vim.api.nvim_buf_set_name(0, name)
  vim.cmd("silent! doautocmd BufNewFile " .. vim.fn.fnameescape(name))
  out:write(string.format("FT %s %s\n", name, vim.bo.filetype))
  vim.cmd("silent! bwipeout!")
end

-- A file with no problems publishes an empty list: wait for the publication, not for a diagnostic.
local published = false
vim.lsp.handlers["textDocument/publishDiagnostics"] = (function(original)
  return function(err, result, ctx, config)
    if result and vim.uri_to_bufnr(result.uri) == vim.api.nvim_get_current_buf() then
      published = true
    end
    return original(err, result, ctx, config)
  end
end)(vim.lsp.handlers["textDocument/publishDiagnostics"])
local relative = os.getenv("HA_LINT_RELATIVE_ROOT")
if relative then
  vim.api.nvim_clear_autocmds({ group = "ha_lint", event = "FileType" })
end
vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("HA_LINT_FILE")))
if relative then
  local id = vim.lsp.start_client({ name = "ha-lint", cmd = vim.g.ha_lint_cmd, root_dir = relative })
  vim.lsp.buf_attach_client(0, id)
end

local ok = vim.wait(15000, function()
  return published or #vim.diagnostic.get(0) > 0
end, 50)
for _, client in pairs(vim.lsp.get_active_clients()) do
  out:write("ROOT " .. tostring(client.config.root_dir) .. "\n")
end
if not ok then
  out:write("no diagnostics published within 15 s\n")
  finish(3)
  return
end
for _, d in ipairs(vim.diagnostic.get(0)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ""
  out:write(string.format("DIAG %s %d:%d\n", code, d.lnum, d.col))
end
for _, client in pairs(vim.lsp.get_active_clients()) do
  client.stop()
end
vim.wait(2000, function()
  return #vim.lsp.get_active_clients() == 0
end, 50)
finish(0)
