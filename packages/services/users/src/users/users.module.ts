import { Module } from '@nestjs/common';
import { UpstreamClient } from '@ecs-twin/service-kit';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({ controllers: [UsersController], providers: [UsersService, UpstreamClient] })
export class UsersModule {}
