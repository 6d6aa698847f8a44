# Generated from follow_up_call.txt by `python -m followup_engine.template_code`: do not edit.
# ruff: noqa
# fmt: off
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'follow_up_call.txt'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_role_phrase = resolve('role_phrase')
    l_0_at_company = resolve('at_company')
    l_0_ask_for = resolve('ask_for')
    l_0_hello = resolve('hello')
    l_0_reason = resolve('reason')
    l_0_reply_day = resolve('reply_day')
    l_0_decision_date = resolve('decision_date')
    l_0_interview_date = resolve('interview_date')
    l_0_thank_them = resolve('thank_them')
    pass
    yield 'Call script: checking in about '
    yield str((undefined(name='role_phrase') if l_0_role_phrase is missing else l_0_role_phrase))
    yield str((undefined(name='at_company') if l_0_at_company is missing else l_0_at_company))
    yield '\n\nAsk for '
    yield str((undefined(name='ask_for') if l_0_ask_for is missing else l_0_ask_for))
    yield ', then say:\n\n"'
    yield str((undefined(name='hello') if l_0_hello is missing else l_0_hello))
    yield ' '
    if ((undefined(name='reason') if l_0_reason is missing else l_0_reason) == 'new_date'):
        pass
        yield 'Thank you for your update on '
        yield str((undefined(name='reply_day') if l_0_reply_day is missing else l_0_reply_day))
        yield ' about '
        yield str((undefined(name='role_phrase') if l_0_role_phrase is missing else l_0_role_phrase))
        yield str((undefined(name='at_company') if l_0_at_company is missing else l_0_at_company))
        yield '; I understood that a decision was then expected by '
        yield str((undefined(name='decision_date') if l_0_decision_date is missing else l_0_decision_date))
    elif ((undefined(name='reason') if l_0_reason is missing else l_0_reason) == 'still_deciding'):
        pass
        yield 'Thank you for your update on '
        yield str((undefined(name='reply_day') if l_0_reply_day is missing else l_0_reply_day))
        yield ' about '
        yield str((undefined(name='role_phrase') if l_0_role_phrase is missing else l_0_role_phrase))
        yield str((undefined(name='at_company') if l_0_at_company is missing else l_0_at_company))
    else:
        pass
        yield 'I interviewed for '
        yield str((undefined(name='role_phrase') if l_0_role_phrase is missing else l_0_role_phrase))
        yield str((undefined(name='at_company') if l_0_at_company is missing else l_0_at_company))
        yield ' on '
        yield str((undefined(name='interview_date') if l_0_interview_date is missing else l_0_interview_date))
        if ((undefined(name='reason') if l_0_reason is missing else l_0_reason) == 'agreed'):
            pass
            yield ', and we agreed that I would call about now to check in'
        elif ((undefined(name='reason') if l_0_reason is missing else l_0_reason) == 'promised'):
            pass
            yield ', and I understood that a decision was expected by '
            yield str((undefined(name='decision_date') if l_0_decision_date is missing else l_0_decision_date))
    yield '.'
    if (undefined(name='thank_them') if l_0_thank_them is missing else l_0_thank_them):
        pass
        yield ' Thank you for meeting with me.'
    yield ' I am still very interested in the position. Is there anything else you need from me, and is there any news on the next step?"\n\nIf you reach voicemail, leave your name, your number and the role you are calling about, in under thirty seconds.\n\nWrite down what they tell you and thank them for their time.'

blocks = {}
debug_info = '2=21&4=24&6=26'
