// Messages with no product in them: greetings, thanks, questions about the bot or the process,
// short answers. The classifier learns them as a ninth, hidden class so that their probability
// mass is taken away from the eight categories: "hello" or "在吗" gets a low confidence
// instead of a confident guess built on one common word. Never returned as a category.

const en = [
  'hello', 'hi', 'hi there', 'hey', 'hey bot', 'good morning', 'good afternoon', 'good evening', 'morning!', 'yo',
  'thanks', 'thank you', 'thank you very much', 'thx', 'cheers', 'great, thanks', 'ok', 'okay', 'ok cool', 'got it',
  'yes', 'no', 'yep', 'nope', 'sure', 'maybe', 'not sure', "I don't know", 'no idea', 'fine',
  'test', 'testing', 'this is a test', 'just testing the bot', 'ping', 'are you there?', 'anyone there?', 'is this working?',
  'what can you do?', 'how does this work?', 'help', 'I need help', 'can you help me?', 'what should I do next?',
  'who is my analyst?', 'when is my deadline?', 'how long does it take?', 'what happens next?', 'what is the status of my case?',
  'what is a CIIO?', 'what documents do I need?', 'why do you ask that?', 'can I change my answer?', 'go back',
  'start over', 'restart', 'cancel that', 'never mind', 'stop', 'wait', 'one moment please', 'sorry, wrong chat',
  'who are you?', 'what is your name?', 'lol', 'haha', 'nice', 'cool', 'bye', 'see you', 'good night',
  'I have a question', 'quick question', 'please call me', 'my manager asked me to check with you', 'let me think',
  'I will come back later', 'can I talk to a person?', 'where do I find the form?', 'the link does not work',
];

const zh = [
  '你好', '您好', '你好呀', '在吗', '在不在', '哈喽', '嗨', '早上好', '下午好', '晚上好', '早',
  '谢谢', '谢谢你', '多谢', '感谢', '好的谢谢', '好的', '好', '收到', '明白了', '知道了', '嗯嗯',
  '是', '不是', '是的', '对', '没有', '不确定', '不知道', '可能吧', '不清楚', '行',
  '测试', '测试一下', '这是测试', '试一下机器人', '有人吗', '能用吗', '怎么没反应',
  '你能做什么', '怎么用', '帮助', '帮帮我', '我需要帮助', '下一步做什么', '我该怎么办',
  '我的分析师是谁', '截止日期是什么时候', '要多久', '接下来是什么流程', '我的案件进度怎么样',
  '什么是关键信息基础设施运营者', '需要准备哪些材料', '为什么问这个', '可以修改答案吗', '返回上一步',
  '重新开始', '重来', '取消', '算了', '停', '等一下', '稍等', '不好意思发错了',
  '你是谁', '你叫什么名字', '哈哈', '不错', '好厉害', '再见', '拜拜', '晚安',
  '我有个问题', '问一下', '请给我打电话', '领导让我来问问', '我想想', '我晚点再来', '能转人工吗', '表格在哪里', '链接打不开',
];

/** Texts that name no product, in both languages. */
export const CHATTER: readonly string[] = [...en, ...zh];
