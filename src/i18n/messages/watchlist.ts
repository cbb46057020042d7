import { defineMessages } from '../define.js';

// The supplier and product watchlist: the warning on a decision, and problems in an operator's file.
export default defineMessages({
  en: {
    'watchlist.warning':
      'Watchlist: "{name}" names {subject}. {decision} (published {date}) This warning does not change the outcome; check it with an analyst before buying.',
    'watchlist.label': 'Watchlist warnings',
    'watchlist.source': 'Source',
    'watchlist.added': 'The declared supplier or product is on the watchlist; the warning is now on {caseId}:',
    'watchlist.syntax': 'the file cannot be read: {detail}',
    'watchlist.cannot_read': '{file}: cannot read the watchlist file: {detail}',
    'watchlist.check.ok': '{file}: {n} watchlist entries, all valid ({ids}).',
    'watchlist.list.shipped': '{id} ({date}, shipped): {names}. Source: {source}',
    'watchlist.list.file': '{id} ({date}, {file}): {names}. Source: {source}',
    'watchlist.missing': 'required',
    'watchlist.unknown_field': 'unknown field "{field}"',
    'watchlist.duplicate_id': 'the id "{id}" is already used (ids are unique, and shipped entries cannot be replaced)',
    'watchlist.short_name': 'a name needs at least 2 characters',
    'watchlist.bad_date': 'a date as YYYY-MM-DD',
  },
  'zh-CN': {
    'watchlist.warning': '关注名单提示：“{name}”涉及{subject}。{decision}（{date}发布）本提示不改变预判结论；采购前请与合规专员核实。',
    'watchlist.label': '关注名单提示',
    'watchlist.source': '来源',
    'watchlist.added': '所填提供者或产品在关注名单上，提示已记入审查事项 {caseId}：',
    'watchlist.syntax': '文件无法读取：{detail}',
    'watchlist.cannot_read': '{file}：无法读取关注名单文件：{detail}',
    'watchlist.check.ok': '{file}：共 {n} 个关注名单条目，均有效（{ids}）。',
    'watchlist.list.shipped': '{id}（{date}，随附）：{names}。来源：{source}',
    'watchlist.list.file': '{id}（{date}，{file}）：{names}。来源：{source}',
    'watchlist.missing': '必填',
    'watchlist.unknown_field': '未知字段“{field}”',
    'watchlist.duplicate_id': '标识“{id}”已被使用（标识须唯一，且不能替换随附条目）',
    'watchlist.short_name': '名称至少需要 2 个字符',
    'watchlist.bad_date': '日期格式应为 YYYY-MM-DD',
  },
});
