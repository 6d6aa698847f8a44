# Generated from thank_you.txt by `python -m followup_engine.template_code`: do not edit.
# ruff: noqa
# fmt: off
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'thank_you.txt'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_role_phrase = resolve('role_phrase')
    l_0_greeting = resolve('greeting')
    l_0_interview_day = resolve('interview_day')
    l_0_topic = resolve('topic')
    l_0_at_company = resolve('at_company')
    l_0_sign_off = resolve('sign_off')
    pass
    yield 'Thank you for meeting with me about '
    yield str((undefined(name='role_phrase') if l_0_role_phrase is missing else l_0_role_phrase))
    yield '\n\n'
    yield str((undefined(name='greeting') if l_0_greeting is missing else l_0_greeting))
    yield '\n\nThank you for taking the time to meet with me on '
    yield str((undefined(name='interview_day') if l_0_interview_day is missing else l_0_interview_day))
    yield '.'
    if (undefined(name='topic') if l_0_topic is missing else l_0_topic):
        pass
        yield ' I especially enjoyed talking about '
        yield str((undefined(name='topic') if l_0_topic is missing else l_0_topic))
        yield '.'
    yield '\n\nIt left me even more interested in '
    yield str((undefined(name='role_phrase') if l_0_role_phrase is missing else l_0_role_phrase))
    yield str((undefined(name='at_company') if l_0_at_company is missing else l_0_at_company))
    yield ', and I would be glad to send anything else that helps you with your decision.\n\n'
    yield str((undefined(name='sign_off') if l_0_sign_off is missing else l_0_sign_off))

blocks = {}
debug_info = '2=18&4=20&6=22&9=30&11=33'
