// Words that people put around a question in chat but that say nothing
// about its topic: interrogatives, fillers and politeness ("到底", "干嘛",
// "请问", "please", "tell me"). They are dropped from questions before
// scoring, on top of the shared stopword list in src/text (which is kept
// short on purpose because summaries use it too). Without this, "贾扬清现在
// 在干嘛" would look only one-third answered by the page about him, because
// "现在" and "干嘛" carry as much weight as his name. The second line holds
// the frame of a question (常见的…有哪几种, 一般…), the last two chat slang
// ("tbh", "rn", "u") and interrogatives typed without an apostrophe
// ("whos", "hows" reach this list stemmed, as "who", "how"; "one" as "on"),
// and "vs": words that say how something is asked, not what. The last two
// lines are greetings, thanks and forms of address around a question
// (谢谢, 大佬们, 我想问下, "hey, quick question:", "thanks guys"): a word the
// knowledge base never uses weighs the most, so one of them left a question
// that the knowledge base answers looking unanswered. The kind of answer a
// question wants (什么职位, "his title at Nvidia") is filler too: the answer
// names the role ("vice president"), never the word "title". The last
// lines are English function words (prepositions, conjunctions, pronouns:
// "besides", "whoever", "whether"), contractions typed without an
// apostrophe ("couldnt") and references to the source ("the kb mentions",
// "listed"): closed classes that never name a topic, which the stopword
// list leaves in and which, unknown to the knowledge base, weighed the most.
// Direction, negation and comparison stay words ("down", "below", "not").

import { stemmer } from 'stemmer';

export const QUESTION_FILLER: ReadonlySet<string> = new Set(
  `啥 为啥 干嘛 干什么 干啥 咋 咋样 回事 怎么回事 咋回事 意思 啥意思 什么意思 到底 究竟 是不是 能不能 会不会 有没有 可不可以 要不要 请问 请 麻烦 一下 下 吧 呗
  现在 目前 如今 当时 那个 这件 这件事 事 事儿 谁 哪 哪儿 是否 么 呢 吗 讲讲 说说 介绍 介绍一下 知道 告诉 告诉我 帮我 问
  常见 一般 通常 主要 一共 总共 几种 哪几种 会往 往 哪家 哪些地方 几个 哪几个 有些 哪些方面 方面 情况 问题 东西 具体 大概 来着 一般来说 得到 带来 得 了解 想问 能干
  please tell know explain describ anyon someon thing stuff realli actual
  big biggest main major key basic simpl quick quickli fast best most exactli current nowaday now
  lol tbh imo imho btw pls plz thx thank rn ur u r ya yeah og ppl wtf tldr legit lmao omg smh ngl fwiw hey hi gonna wanna kinda sorta ok okay guy mean abt
  who how why where when what which there cant wont tho lemm gimm everyth anyth someth noth vs versu on
  干 谢谢 多谢 感谢 谢了 谢啦 辛苦 辛苦了 大佬 大佬们 各位 大家 老师 老哥 兄弟 朋友们 请教 求教 求问 求助 我想 想问下 问下 问问 你好 您好 哈喽 在吗 打扰 打扰一下 话说 顺便 呃 嗯 额 哈哈 呀 啊 哇
  hello thanks guys folks everyone anybody question questions ask asking wondering wonder curious
  说人话 通俗 通俗点 简单说 大白话 给我 列列 eli5 layman laymen stuff anyway anyways steep
  职位 职务 头衔 岗位 title role position 多大 roughly approximately approx ballpark
  across along alongside amid among amongst around beside besides beyond despite except including onto regarding
  concerning toward towards upon via within throughout apart whereas whilst although though unless whether whenever
  wherever however hence thus therefore moreover furthermore otherwise meanwhile nevertheless nonetheless instead
  anyhow somehow indeed perhaps rather quite pretty fairly somewhat else whoever whatever whichever whomever anyone
  everyone everybody something nobody nothing oneself either neither couldnt wouldnt shouldnt hasnt havent hadnt
  werent aint mustnt neednt youll itll theyll weve theyve youd theyd hes shes wheres heres wat wut idk afaik fyi iirc
  kb mention mentions mentioned listed according etc anywhere somewhere everywhere nowhere reckon
  supposedly apparently allegedly obviously obvious`
    .split(/\s+/)
    .filter(Boolean)
    // Questions reach this list as stems ("hey" as "hei", "guys" as "gui"): each English word also stands as its stem.
    .flatMap((w) => (/^[a-z]+$/.test(w) ? [w, stemmer(w)] : [w])),
);

/**
 * The asker's own people ("my boss thinks…", "our cto asked", 我老板问…)
 * frame a question: whom it comes from, not what it is about. As "boss" or
 * 老板 they read as the concept CEO, and "manager" as a word the knowledge
 * base never uses, and either left a question it answers looking like one
 * about somebody's chief executive. "The boss of Zhipu" is still asked.
 */
const ASKERS_PEOPLE =
  /\b(?:my|our)\s+(?:boss|bosses|manager|managers|cto|ceo|team\s?lead|lead|supervisor|pm|client|clients|prof|professor|teacher|colleague|colleagues|coworker|coworkers|team)\b|我们?的?(?:老板|领导|经理|上司|主管|导师|老师|同事)/giu;

/**
 * Chat idioms that say how an answer is wanted, not what it is about ("tl;dr
 * of…", "short version:", "walk me through", "under the hood", "total newbie
 * here", "explain like I'm 5", "going forward", "my friend says yes", "writing a piece on",
 * "just need the list"): each of their words is an ordinary one that
 * the knowledge base never uses ("hood", "newbie"), and so weighed the most.
 * So is the particle of "kicked off" (started): "kick" is a frame word, and
 * "off" stays a word elsewhere ("50% off"), weighed as a frame word like
 * every particle of a phrasal verb (./general-words.ts).
 */
const CHAT_IDIOMS =
  /(?<=\bkick(?:s|ed|ing)?) off\b|\btl\s?;?\s?dr\b|\b(?:the )?short version\b|\blong story short\b|\bwalk (?:me|us) through\b|\bunder the hood\b|\b(?:total |complete )?(?:newbie|noob|n00b|beginner) (?:here|question|q)\b|\b(?:explain(?:ed)? )?like (?:i'?m|im|i am) (?:5|five)\b|\bin a nutshell\b|\bin plain english\b|\bgoing forward\b|\b(?:my|a) (?:friend|buddy|mate) (?:says?|said|thinks?|claims?)(?: (?:yes|no|so))?\b|\bwriting (?:a|an) (?:piece|story|article|post|report) (?:on|about)\b|\bjust need (?:the|a) (?:list|number|gist)\b|\bquick q(?:uestion)?\b/giu;

/**
 * The question without what frames it in a chat: the asker's own people and
 * chat idioms (above), and addresses. People in a chat address each other
 * inside a question ("<@U024BE7LH> asked me: what did deepseek charge",
 * "@here 降价了吗", "@alice how much…"). An address names someone in the
 * chat, never the topic, and as a word the knowledge base never uses it
 * weighed the most and left every such question unanswered. Mention markup
 * in angle brackets (<@…>, <#…>, <!…>) and an @handle (Latin, or Han followed
 * by a space or punctuation) are removed.
 */
export function withoutChatFraming(question: string): string {
  const unframed = question.replace(ASKERS_PEOPLE, ' ').replace(CHAT_IDIOMS, ' ');
  if (unframed !== question) question = unframed.replace(/\s+/g, ' ').trim();
  if (!question.includes('@') && !/<[#!]/.test(question)) return question;
  return question
    .replace(/<[@#!][^<>\s]*>/g, ' ')
    .replace(/(?<![\p{L}\p{N}.])@(?:[A-Za-z0-9_.\-]+|\p{Script=Han}+(?=[\s\p{P}]|$))/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
