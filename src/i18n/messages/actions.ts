import { defineMessages } from '../define.js';

// What a person may do next with a case (src/runtime/next-actions.ts): button labels and the chat
// command each stands for, in the person's language (every command parses in both languages).
export default defineMessages({
  en: {
    'actions.view': 'View the case',
    'actions.intake': 'Fill in the intake',
    'actions.assign_me': 'Assign to me',
    'actions.export': 'Export the pack',
    'actions.export_record': 'Export the record',
    'actions.command.view': 'show {caseId}',
    'actions.command.intake': 'intake {caseId}',
    'actions.command.assign_me': 'assign {caseId} me',
    'actions.command.export': 'export {caseId}',
    'actions.next': 'Next:',
    'actions.typed': '{label}: type "{command}"',
  },
  'zh-CN': {
    'actions.view': '查看审查事项',
    'actions.intake': '填写申报材料',
    'actions.assign_me': '分配给我',
    'actions.export': '导出申报材料',
    'actions.export_record': '导出预判记录',
    'actions.command.view': '查看 {caseId}',
    'actions.command.intake': '填写 {caseId}',
    'actions.command.assign_me': '分配 {caseId} 我',
    'actions.command.export': '导出 {caseId}',
    'actions.next': '下一步：',
    'actions.typed': '{label}：输入“{command}”',
  },
});
