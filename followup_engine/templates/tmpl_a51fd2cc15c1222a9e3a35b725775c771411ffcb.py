# Generated from references.txt by `python -m followup_engine.template_code`: do not edit.
# ruff: noqa
# fmt: off
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'references.txt'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_greeting = resolve('greeting')
    l_0_role_phrase = resolve('role_phrase')
    l_0_at_company = resolve('at_company')
    l_0_interview_date = resolve('interview_date')
    l_0_employer = resolve('employer')
    l_0_sign_off = resolve('sign_off')
    pass
    yield 'A quick question about my reference\n\n'
    yield str((undefined(name='greeting') if l_0_greeting is missing else l_0_greeting))
    yield '\n\nThank you again for agreeing to be a reference for me. I interviewed for '
    yield str((undefined(name='role_phrase') if l_0_role_phrase is missing else l_0_role_phrase))
    yield str((undefined(name='at_company') if l_0_at_company is missing else l_0_at_company))
    yield ' on '
    yield str((undefined(name='interview_date') if l_0_interview_date is missing else l_0_interview_date))
    yield '. Has anyone from '
    yield str((undefined(name='employer') if l_0_employer is missing else l_0_employer))
    yield ' been in touch with you about me yet?\n\nKnowing helps me plan my next steps. Thank you for your support.\n\n'
    yield str((undefined(name='sign_off') if l_0_sign_off is missing else l_0_sign_off))

blocks = {}
debug_info = '4=18&6=20&10=27'
