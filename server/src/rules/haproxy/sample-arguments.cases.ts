import { defineCases } from "../rule.js";
import type rule from "./sample-arguments.js";

const head = `defaults
    mode http
    timeout client 5s
    timeout server 5s
    timeout connect 5s

frontend fe
    bind :8080
    default_backend be
`;
const tail = `
backend be
    server s1 192.0.2.11:80
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "arguments as the masks want them",
      files: {
        "haproxy.cfg": `${head}    http-request set-header X-A "%[url_param(page),lower]"
    http-request set-header X-B "%[src(),ipmask(24)]"
    http-request set-header X-C "%[str(abc),bytes(1,2)]"
    acl slow hdr_beg(host,-1) slow.
    http-request deny if { sc_http_req_rate(0) gt 100 }
${tail}`,
      },
    },
    {
      name: "bytes takes a variable name from 3.0 on",
      settings: { haproxyVersion: "3.0" },
      files: {
        "haproxy.cfg": `${head}    http-request set-header X-A "%[str(abcdef),bytes(txn.start)]"
${tail}`,
      },
    },
    {
      name: "a negative offset to bytes in 2.6: its mask takes any integer and nothing checks it",
      settings: { haproxyVersion: "2.6" },
      files: { "haproxy.cfg": `${head}    http-request set-header X-A "%[str(abcdef),bytes(-1)]"\n${tail}` },
    },
    {
      name: "bytes with variables and positive integers, param with a one-character delimiter, in 3.2",
      settings: { haproxyVersion: "3.2" },
      files: {
        "haproxy.cfg": `${head}    http-request set-header X-A "%[str(abcdef),bytes(txn.start,txn.len)]"
    http-request set-header X-B "%[str(abcdef),bytes(+0,1)]"
    http-request set-header X-C "%[query,param(page,;)]"
    http-request set-var(txn.a) req.hdr(data),has_ctl(any)
    http-request set-var(txn.b) req.hdr(data),has_ctl(0x100000000)
    http-request set-var(txn.c) req.hdr(data),has_ctl(07)
${tail}`,
      },
    },
  ],
  invalid: [
    {
      name: "a third argument to url_param in 2.6",
      files: {
        "haproxy.cfg": `${head}    http-request set-header X-A "%[url_param(page,,i)]"
${tail}`,
      },
      realTool: "fetch method 'url_param' : expected '\\)' before ',i\\)",
      expect: [{ line: 10, messageId: "fetchArguments" }],
    },
    {
      name: "a variable name given to bytes in 2.6",
      files: {
        "haproxy.cfg": `${head}    http-request set-header X-A "%[str(abcdef),bytes(txn.start)]"
${tail}`,
      },
      realTool: "invalid arg 1 in converter 'bytes' : failed to parse 'txn.start' as type 'integer'",
      expect: [{ line: 10, messageId: "converterArguments" }],
    },
    {
      name: "a negative offset to bytes in 3.0",
      settings: { haproxyVersion: "3.0" },
      files: { "haproxy.cfg": `${head}    http-request set-header X-A "%[str(abcdef),bytes(-1)]"\n${tail}` },
      realTool: "invalid args in converter 'bytes' : expects a non-negative integer",
      expect: [{ line: 10, messageId: "converterArguments" }],
    },
    {
      name: "a length of 0 to bytes in 3.2",
      settings: { haproxyVersion: "3.2" },
      files: { "haproxy.cfg": `${head}    http-request set-header X-A "%[str(abcdef),bytes(0,0)]"\n${tail}` },
      realTool: "invalid args in converter 'bytes' : expects a positive integer",
      expect: [{ line: 10, messageId: "converterArguments" }],
    },
    {
      name: "a word that is neither an integer nor a variable name given to bytes in 3.2",
      settings: { haproxyVersion: "3.2" },
      files: { "haproxy.cfg": `${head}    http-request set-header X-A "%[str(abcdef),bytes(foo.bar)]"\n${tail}` },
      realTool: "invalid args in converter 'bytes' : expects an integer or a variable name",
      expect: [{ line: 10, messageId: "converterArguments" }],
    },
    {
      name: "a delimiter of more than one character given to param in 3.0",
      settings: { haproxyVersion: "3.0" },
      files: { "haproxy.cfg": `${head}    http-request set-header X-A "%[query,param(page,0x26)]"\n${tail}` },
      realTool: "invalid args in converter 'param' : Delimiter must be exactly 1 character",
      expect: [{ line: 10, messageId: "converterArguments" }],
    },
    {
      name: "a has_ctl class that is neither a word it knows nor a number, in 3.2",
      settings: { haproxyVersion: "3.2" },
      files: { "haproxy.cfg": `${head}    http-request set-var(txn.ctl) req.hdr(data),has_ctl(bogus)\n${tail}` },
      realTool: "invalid args in converter 'has_ctl' : cannot parse value 'bogus', problem at position 0",
      expect: [{ line: 10, messageId: "converterArguments" }],
    },
    {
      name: "a has_ctl mask with bits above the 33 it has, in 3.2",
      settings: { haproxyVersion: "3.2" },
      files: { "haproxy.cfg": `${head}    http-request set-var(txn.ctl) req.hdr(data),has_ctl(0x400000000)\n${tail}` },
      realTool:
        "invalid args in converter 'has_ctl' : unsupported excess bits 0x400000000 in argument value 0x400000000",
      expect: [{ line: 10, messageId: "converterArguments" }],
    },
    {
      name: "a fetch whose mandatory integer is missing",
      files: {
        "haproxy.cfg": `${head}    http-request set-header X-A "%[sc_http_req_rate]"
${tail}`,
      },
      realTool: "expected type 'integer' at position 1, but got nothing",
      expect: [{ line: 10, messageId: "fetchArguments" }],
    },
    {
      name: "an argument to a fetch that takes none",
      files: {
        "haproxy.cfg": `${head}    acl local src(127.0.0.1)
${tail}`,
      },
      realTool: "fetch method 'src' : expected '\\)' before '127.0.0.1\\)'",
      expect: [{ line: 10, messageId: "fetchArguments" }],
    },
    {
      name: "an integer argument of an ACL keyword that is not one",
      files: {
        "haproxy.cfg": `${head}    acl slow hdr_beg(host,last) slow.
${tail}`,
      },
      realTool: "failed to parse 'last' as type 'integer' at position 2",
      expect: [{ line: 10, messageId: "fetchArguments" }],
    },
    {
      name: "a mask out of range in an anonymous ACL",
      files: {
        "haproxy.cfg": `${head}    http-request deny if { src,ipmask(33) -m ip 192.0.2.0/24 }
${tail}`,
      },
      realTool: "failed to parse '33' as type 'IPv4 mask'",
      expect: [{ line: 10, messageId: "converterArguments" }],
    },
    {
      name: "a set-var expression with too many converter arguments",
      files: {
        "haproxy.cfg": `${head}    http-request set-var(txn.a) str(abcdef),bytes(1,2,3)
${tail}`,
      },
      realTool: "invalid arg 2 in converter 'bytes' : expected '\\)' before ',3\\)'",
      expect: [{ line: 10, messageId: "converterArguments" }],
    },
  ],
});
