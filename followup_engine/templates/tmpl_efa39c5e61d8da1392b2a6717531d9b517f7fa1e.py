# Generated from follow_up_email.txt by `python -m followup_engine.template_code`: do not edit.
# ruff: noqa
# fmt: off
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'follow_up_email.txt'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_role_phrase = resolve('role_phrase')
    l_0_at_company = resolve('at_company')
    l_0_greeting = resolve('greeting')
    l_0_reason = resolve('reason')
    l_0_interview_date = resolve('interview_date')
    l_0_decision_date = resolve('decision_date')
    l_0_reply_day = resolve('reply_day')
    l_0_thank_them = resolve('thank_them')
    l_0_sign_off = resolve('sign_off')
    pass
    yield 'Checking in about '
    yield str((undefined(name='role_phrase') if l_0_role_phrase is missing else l_0_role_phrase))
    yield str((undefined(name='at_company') if l_0_at_company is missing else l_0_at_company))
    yield '\n\n'
    yield str((undefined(name='greeting') if l_0_greeting is missing else l_0_greeting))
    yield '\n\n'
    if ((undefined(name='reason') if l_0_reason is missing else l_0_reason) == 'agreed'):
        pass
        yield 'As we agreed at my interview on '
        yield str((undefined(name='interview_date') if l_0_interview_date is missing else l_0_interview_date))
        yield ', I am checking in about '
        yield str((undefined(name='role_phrase') if l_0_role_phrase is missing else l_0_role_phrase))
        yield str((undefined(name='at_company') if l_0_at_company is missing else l_0_at_company))
        yield '.\n'
    elif ((undefined(name='reason') if l_0_reason is missing else l_0_reason) == 'promised'):
        pass
        yield 'I interviewed for '
        yield str((undefined(name='role_phrase') if l_0_role_phrase is missing else l_0_role_phrase))
        yield str((undefined(name='at_company') if l_0_at_company is missing else l_0_at_company))
        yield ' on '
        yield str((undefined(name='interview_date') if l_0_interview_date is missing else l_0_interview_date))
        yield ', and I understood that a decision was expected by '
        yield str((undefined(name='decision_date') if l_0_decision_date is missing else l_0_decision_date))
        yield '.\n'
    elif ((undefined(name='reason') if l_0_reason is missing else l_0_reason) == 'new_date'):
        pass
        yield 'Thank you for your update on '
        yield str((undefined(name='reply_day') if l_0_reply_day is missing else l_0_reply_day))
        yield ' about '
        yield str((undefined(name='role_phrase') if l_0_role_phrase is missing else l_0_role_phrase))
        yield str((undefined(name='at_company') if l_0_at_company is missing else l_0_at_company))
        yield '. I understood that a decision was then expected by '
        yield str((undefined(name='decision_date') if l_0_decision_date is missing else l_0_decision_date))
        yield ', so I wanted to check in.\n'
    elif ((undefined(name='reason') if l_0_reason is missing else l_0_reason) == 'still_deciding'):
        pass
        yield 'Thank you for your update on '
        yield str((undefined(name='reply_day') if l_0_reply_day is missing else l_0_reply_day))
        yield ' about '
        yield str((undefined(name='role_phrase') if l_0_role_phrase is missing else l_0_role_phrase))
        yield str((undefined(name='at_company') if l_0_at_company is missing else l_0_at_company))
        yield '. I wanted to check in on where the decision stands.\n'
    else:
        pass
        yield 'I interviewed for '
        yield str((undefined(name='role_phrase') if l_0_role_phrase is missing else l_0_role_phrase))
        yield str((undefined(name='at_company') if l_0_at_company is missing else l_0_at_company))
        yield ' on '
        yield str((undefined(name='interview_date') if l_0_interview_date is missing else l_0_interview_date))
        yield ' and wanted to check in on where the decision stands.\n'
    if (undefined(name='thank_them') if l_0_thank_them is missing else l_0_thank_them):
        pass
        yield '\nThank you for taking the time to meet with me; I appreciated it.\n'
    yield '\nI am still very interested in the position. Is there anything else you need from me, and do you know when I might hear about the next step?\n\nThank you for your time.\n\n'
    yield str((undefined(name='sign_off') if l_0_sign_off is missing else l_0_sign_off))

blocks = {}
debug_info = '2=21&4=24&6=26&7=29&8=34&9=37&10=44&11=47&12=54&13=57&15=65&17=70&26=74'
